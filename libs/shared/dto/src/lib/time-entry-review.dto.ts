import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { TimeEntryDto } from './time-entry.dto';

/** The most entries one `POST /time-entries/bulk-assign` takes. */
export const MAX_BULK_TIME_ENTRIES = 1000;

/** Assigns many entries of the review queue to one deal and/or task at once. */
export class BulkAssignTimeEntriesDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_TIME_ENTRIES })
  @IsArray({ message: 'ids must be an array of UUIDs' })
  @ArrayMinSize(1, { message: 'ids must name at least one time entry' })
  @ArrayMaxSize(MAX_BULK_TIME_ENTRIES, { message: `ids may name at most ${MAX_BULK_TIME_ENTRIES} time entries` })
  @IsUUID(undefined, { each: true, message: 'ids must contain only UUIDs' })
  ids: string[];

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'deal_id must be a UUID' })
  deal_id?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The task\'s deal is used when deal_id is omitted' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'task_id must be a UUID' })
  task_id?: string | null;
}

export class BulkAssignTimeEntriesResultDto {
  @ApiProperty({ description: 'How many entries were assigned' })
  updated: number;

  @ApiProperty({ type: [TimeEntryDto], description: 'Every named entry as it is now, in the order of ids' })
  data: TimeEntryDto[];
}
