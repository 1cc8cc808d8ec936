import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalNotNull, TrimToNull, NullableUuid, OptionalText, OptionalUuid, RequiredText, OptionalOneOf } from './validation';
import { CustomFieldFilters, CustomFieldsRead, CustomFieldsWrite, type CustomFieldValues } from './custom-fields.dto';

export const TASK_STATUS_VALUES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type TaskStatusValue = (typeof TASK_STATUS_VALUES)[number];
export const TASK_PRIORITY_VALUES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriorityValue = (typeof TASK_PRIORITY_VALUES)[number];

/** The most task ids one bulk call may name. */
export const MAX_BULK_TASKS = 500;

/** Hours as a decimal string with up to two decimals (numeric(8, 2)); a JSON number is accepted and kept as written. */
const HOURS = /^\d{1,6}(\.\d{1,2})?$/;
const decimalString = () => Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value));

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assigned_to: string | null;
  @ApiProperty({ enum: TASK_STATUS_VALUES }) status: TaskStatusValue;
  @ApiProperty({ enum: TASK_PRIORITY_VALUES }) priority: TaskPriorityValue;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) due_date: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2.50', description: 'Decimal string' }) estimated_hours: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the task last became done; null unless status is done' }) completed_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who created it (null when created with an API key)' }) created_by: string | null;
  @CustomFieldsRead() custom_fields: CustomFieldValues;
  @ApiProperty({ description: 'Increments on every change; send it back in If-Match to avoid lost updates' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class TaskPageDto extends PageOf(TaskDto) {}

/** POST body. */
export class CreateTaskDto {
  @RequiredText(500, { example: 'Send the proposal' })
  title: string;

  @OptionalText(10000)
  description?: string | null;

  @NullableUuid()
  deal_id?: string | null;

  @NullableUuid()
  assigned_to?: string | null;

  @ApiPropertyOptional({ enum: TASK_STATUS_VALUES, default: 'todo' })
  @OptionalNotNull()
  @IsIn(TASK_STATUS_VALUES, { message: `status must be one of ${TASK_STATUS_VALUES.join(', ')}` })
  status?: TaskStatusValue;

  @ApiPropertyOptional({ enum: TASK_PRIORITY_VALUES, default: 'medium' })
  @OptionalNotNull()
  @IsIn(TASK_PRIORITY_VALUES, { message: `priority must be one of ${TASK_PRIORITY_VALUES.join(', ')}` })
  priority?: TaskPriorityValue;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', example: '2026-03-01T17:00:00Z', description: 'ISO-8601 date-time (a bare date is midnight UTC)' })
  @TrimToNull()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'due_date must be an ISO-8601 date or date-time' })
  due_date?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2.50', description: 'Decimal string, up to 2 decimals' })
  @decimalString()
  @TrimToNull()
  @IsOptional()
  @Matches(HOURS, { message: 'estimated_hours must be a non-negative decimal string with up to 2 decimals, e.g. "2.50"' })
  estimated_hours?: string | null;

  @CustomFieldsWrite()
  custom_fields?: CustomFieldValues;
}

/** PATCH body: only the fields sent change; title, status and priority cannot be null. */
export class PatchTaskDto extends PartialType(CreateTaskDto, { skipNullProperties: false }) {}

export class TaskQueryDto extends PageQueryDto {
  @OptionalUuid()
  assigned_to?: string;

  @OptionalOneOf(TASK_STATUS_VALUES)
  status?: TaskStatusValue;

  @OptionalUuid()
  deal_id?: string;

  @OptionalOneOf(TASK_PRIORITY_VALUES)
  priority?: TaskPriorityValue;

  @CustomFieldFilters()
  cf?: Record<string, string>;
}

/** `GET /tasks/mine`: the same filters, the assignee being the caller. */
export class MyTaskQueryDto extends OmitType(TaskQueryDto, ['assigned_to'] as const) {}

export class BulkAssignTasksDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_BULK_TASKS })
  @IsArray()
  @ArrayMinSize(1, { message: 'task_ids must name at least one task' })
  @ArrayMaxSize(MAX_BULK_TASKS, { message: `task_ids may name at most ${MAX_BULK_TASKS} tasks` })
  @IsUUID(undefined, { each: true, message: 'task_ids must contain only UUIDs' })
  task_ids: string[];

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The new assignee; null unassigns' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'assigned_to must be a UUID or null' })
  assigned_to: string | null;
}

export class BulkAssignResultDto {
  @ApiProperty({ description: 'How many tasks changed assignee (tasks already assigned so are left untouched)' })
  updated: number;

  @ApiProperty({ type: [TaskDto], description: 'Every named task as it is now' })
  data: TaskDto[];
}
