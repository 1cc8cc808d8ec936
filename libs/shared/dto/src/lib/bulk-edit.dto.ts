import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_TAG_LENGTH } from './contact.dto';
import { CustomFieldsWrite, type CustomFieldValues } from './custom-fields.dto';
import { DEAL_STAGES, type DealStage } from './deal.dto';
import { TASK_PRIORITY_VALUES, TASK_STATUS_VALUES, type TaskPriorityValue, type TaskStatusValue } from './task.dto';
import { NullableUuid, OptionalOneOf } from './validation';

/** The lists a bulk edit works on (the records' own PATCH rules apply to each record). */
export const BULK_EDIT_KINDS = ['accounts', 'contacts', 'deals', 'tasks'] as const;
export type BulkEditKind = (typeof BULK_EDIT_KINDS)[number];
/** The most records one bulk edit changes (named ids, or the records a filter matches). */
export const MAX_BULK_EDIT_RECORDS = 10_000;
/** Records written in one transaction: a batch is all or nothing. */
export const BULK_EDIT_BATCH_SIZE = 500;
/** Tags one bulk edit adds or removes (each list). */
export const MAX_BULK_EDIT_TAGS = 50;

/**
 * Which patch fields each kind takes. `owner_id` is the owner of accounts, contacts and deals
 * and the assignee of tasks; `custom_fields` sets (or with null clears) custom field values.
 */
export const BULK_EDIT_FIELDS: Record<BulkEditKind, readonly (keyof BulkEditPatchDto)[]> = {
  accounts: ['owner_id', 'custom_fields'],
  contacts: ['owner_id', 'add_tags', 'remove_tags', 'custom_fields'],
  deals: ['owner_id', 'stage', 'custom_fields'],
  tasks: ['owner_id', 'status', 'priority', 'custom_fields'],
};

const Tags = (what: string) => (target: object, property: string) => {
  ApiPropertyOptional({ type: [String], maxItems: MAX_BULK_EDIT_TAGS, description: `Contacts only: tags to ${what} (trimmed)` })(target, property);
  IsOptional()(target, property);
  IsArray({ message: `${property} must be an array of tags` })(target, property);
  ArrayMaxSize(MAX_BULK_EDIT_TAGS, { message: `${property} must contain at most ${MAX_BULK_EDIT_TAGS} tags` })(target, property);
  IsString({ each: true, message: `each of ${property} must be a string` })(target, property);
  IsNotEmpty({ each: true, message: `each of ${property} must be non-empty` })(target, property);
  MaxLength(MAX_TAG_LENGTH, { each: true, message: `each of ${property} must be at most ${MAX_TAG_LENGTH} characters` })(target, property);
};

/** The change made to every selected record: only the fields sent change. */
export class BulkEditPatchDto {
  @NullableUuid({ description: 'The new owner (tasks: assignee); null clears it. A user of this organization' })
  owner_id?: string | null;

  @OptionalOneOf(DEAL_STAGES, { description: 'Deals only; won or lost closes the deal like a PATCH does' })
  stage?: DealStage;

  @OptionalOneOf(TASK_STATUS_VALUES, { description: 'Tasks only' })
  status?: TaskStatusValue;

  @OptionalOneOf(TASK_PRIORITY_VALUES, { description: 'Tasks only' })
  priority?: TaskPriorityValue;

  @Tags('add')
  add_tags?: string[];

  @Tags('remove')
  remove_tags?: string[];

  /** Values by field key, checked like a PATCH of the record (`custom_fields.<key>` named in a 400); null clears a key. */
  @CustomFieldsWrite()
  custom_fields?: CustomFieldValues;
}

/** Either named records or every record a list filter matches. */
export class BulkEditSelectionDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_EDIT_RECORDS, description: 'The records to change' })
  @ValidateIf((o: BulkEditSelectionDto) => o.filter === undefined || o.ids !== undefined)
  @IsArray({ message: 'ids must be an array of record ids (or send filter instead)' })
  @ArrayMinSize(1, { message: 'ids must name at least one record' })
  @ArrayMaxSize(MAX_BULK_EDIT_RECORDS, { message: `ids may name at most ${MAX_BULK_EDIT_RECORDS} records` })
  @IsUUID(undefined, { each: true, message: 'ids must contain only UUIDs' })
  ids?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Every record matching these query parameters of the kind's list (its filter keys, as in the list's URL); at most 10,000 records",
    example: { owner_id: '0190d6f2-0000-7000-8000-000000000001' },
  })
  @ValidateIf((o: BulkEditSelectionDto) => o.filter !== undefined)
  @IsObject({ message: 'filter must be an object of list filters' })
  filter?: Record<string, string>;
}

export class CreateBulkEditDto {
  @ApiProperty({ enum: BULK_EDIT_KINDS })
  @IsIn(BULK_EDIT_KINDS, { message: `kind must be one of ${BULK_EDIT_KINDS.join(', ')}` })
  kind: BulkEditKind;

  @ApiProperty({ type: BulkEditSelectionDto })
  @IsDefined({ message: 'selection is required' })
  @IsObject({ message: 'selection must be an object' })
  @ValidateNested()
  @Type(() => BulkEditSelectionDto)
  selection: BulkEditSelectionDto;

  @ApiProperty({ type: BulkEditPatchDto })
  @IsDefined({ message: 'patch is required' })
  @IsObject({ message: 'patch must be an object' })
  @ValidateNested()
  @Type(() => BulkEditPatchDto)
  patch: BulkEditPatchDto;
}

/** queued and running: the worker's (selections over BULK_EDIT_INLINE_LIMIT); completed or failed: done. */
export const BULK_EDIT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type BulkEditStatus = (typeof BULK_EDIT_STATUSES)[number];
/** Selections up to this many records are written during the request; larger ones by the worker. */
export const BULK_EDIT_INLINE_LIMIT = 500;

/** A bulk edit and its progress (`GET /bulk-edits/{id}` while the worker runs it). */
export class BulkEditDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BULK_EDIT_KINDS }) kind: BulkEditKind;
  @ApiProperty({ enum: BULK_EDIT_STATUSES }) status: BulkEditStatus;
  @ApiProperty({ description: 'Records selected' }) total: number;
  @ApiProperty({ description: 'Records written so far (each with its audit row and events); batches of 500 commit whole' }) done: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed (the records of the batches committed before are kept)' }) error: string | null;
  @ApiProperty({ type: BulkEditPatchDto }) patch: BulkEditPatchDto;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finished_at: string | null;
}
