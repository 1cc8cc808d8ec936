import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalOneOf } from './validation';

/** A synced field's value: text (title, status, dates) or a number. */
const SYNC_VALUE = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

export const SYNC_RECORD_TYPES = ['task', 'deal', 'time_entry'] as const;
export type SyncRecordType = (typeof SYNC_RECORD_TYPES)[number];
export const SYNC_SIDES = ['crm', 'remote'] as const;
export type SyncSide = (typeof SYNC_SIDES)[number];

/** A field both the CRM and the productivity platform changed since the last sync: both values, and which one was applied. */
export class SyncConflictDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null for a time entry (its updates have no sync record)' }) integration_id: string | null;
  @ApiProperty({ enum: SYNC_RECORD_TYPES }) record_type: SyncRecordType;
  @ApiProperty({ format: 'uuid', description: 'The CRM task, deal or time entry' }) record_id: string;
  @ApiProperty({ example: 'title' }) field: string;
  @ApiProperty({ oneOf: SYNC_VALUE, nullable: true, description: "The CRM's value when the conflict was found", example: 'Install the agent' }) crm_value: unknown;
  @ApiProperty({ oneOf: SYNC_VALUE, nullable: true, description: "The productivity platform's value", example: 'Install the agent on 12 laptops' }) remote_value: unknown;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: "The CRM record's updated_at" }) crm_updated_at: string | null;
  @ApiProperty({ format: 'date-time', description: "The event's updated_at" }) remote_updated_at: string;
  @ApiProperty({ enum: SYNC_SIDES, description: 'The side whose value was applied (the later writer)' }) winner: SyncSide;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolved_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) resolved_by: string | null;
  @ApiProperty({ nullable: true, enum: SYNC_SIDES, description: 'The side a reviewer kept' }) resolution: SyncSide | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class SyncConflictPageDto extends PageOf(SyncConflictDto) {}

/** `?resolved=false&record_type=task&limit=&cursor=`: conflicts, oldest first. */
export class SyncConflictQueryDto extends OmitType(PageQueryDto, ['sort', 'format'] as const) {
  @ApiPropertyOptional({ type: 'boolean', description: 'false: only the ones still to review; true: only resolved ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'resolved must be true or false' })
  resolved?: boolean;

  @OptionalOneOf(SYNC_RECORD_TYPES)
  record_type?: SyncRecordType;
}

export class ResolveSyncConflictDto {
  @ApiProperty({ enum: SYNC_SIDES, description: "crm: keep the CRM's value; remote: keep the productivity platform's. The losing side is changed to it." })
  @IsIn(SYNC_SIDES, { message: `keep must be one of ${SYNC_SIDES.join(', ')}` })
  keep: SyncSide;
}
