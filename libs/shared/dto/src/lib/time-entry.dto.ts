import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { Type } from 'class-transformer';
import { FieldErrorDto } from './error-response.dto';
import { RuleFromAssignmentDto } from './mapping-rule.dto';
import { PageOf, PageQueryDto } from './page.dto';
import { IsNumberWithDecimals, OptionalNotNull, OptionalText, NullableUuid, OptionalUuid, stacked } from './validation';

export const TIME_ENTRY_ACTIVITY_TYPES = ['app', 'website', 'manual'] as const;
/** What an agent may send: the stored types plus `personal` (counted, never stored). */
export const TIME_ENTRY_INPUT_ACTIVITY_TYPES = [...TIME_ENTRY_ACTIVITY_TYPES, 'personal'] as const;
export const TIME_ENTRY_SOURCES = ['agent', 'manual'] as const;
export const TIME_ENTRY_MAPPING_STATUSES = ['mapped', 'unmapped'] as const;
/** The most entries one `POST /time-entries/batch` takes. */
export const TIME_ENTRY_BATCH_LIMIT = 5000;
/** How far duration_seconds may differ from end_time - start_time (rounding by the agent). */
export const DURATION_TOLERANCE_SECONDS = 1;

const time = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : NaN);

/** The span end_time - start_time in whole seconds (rounded), or null when either is not a date. */
export function spanSeconds(start: unknown, end: unknown): number | null {
  const s = time(start);
  const e = time(end);
  return Number.isFinite(s) && Number.isFinite(e) ? Math.round((e - s) / 1000) : null;
}

/** end_time must be after start_time (checked only when both are dates). */
export function isAfterStart(start: unknown, end: unknown): boolean {
  const s = time(start);
  const e = time(end);
  return !Number.isFinite(s) || !Number.isFinite(e) || e > s;
}

/** duration_seconds must match end_time - start_time within DURATION_TOLERANCE_SECONDS (checked when both are dates, end after start). */
export function matchesSpan(duration: unknown, start: unknown, end: unknown): boolean {
  const span = spanSeconds(start, end);
  return typeof duration !== 'number' || span === null || span <= 0 || Math.abs(duration - span) <= DURATION_TOLERANCE_SECONDS;
}

function IsAfterStart() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfterStart',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be after start_time` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          return isAfterStart((args.object as { start_time?: unknown }).start_time, value);
        },
      },
    });
}

function MatchesSpan() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'matchesSpan',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must equal end_time - start_time in seconds (±${DURATION_TOLERANCE_SECONDS}); omit it to derive it` },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const o = args.object as { start_time?: unknown; end_time?: unknown };
          return matchesSpan(value, o.start_time, o.end_time);
        },
      },
    });
}

/** The IsISO8601 options of the time-entry date-times. */
export const TIME_ENTRY_ISO8601 = { strict: true, strictSeparator: true };
const ISO = TIME_ENTRY_ISO8601;

/** An entry's tags: at most 50, each a string of at most 100 characters; may be left out, never null. */
const Tags = (api: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional({ type: [String], maxItems: 50, ...api }), OptionalNotNull(), IsArray(), ArrayMaxSize(50), IsString({ each: true }), MaxLength(100, { each: true }));

/** duration_seconds: whole seconds that match end_time - start_time. */
const DurationSecondsRules = () => stacked(IsInt({ message: 'duration_seconds must be a whole number of seconds' }), Min(0), Max(2147483647), MatchesSpan());

/** productivity_score: 0 to 1 with at most 3 decimals. */
const ProductivityScoreRules = () =>
  stacked(
    IsNumberWithDecimals(3, { message: 'productivity_score must be a number with at most 3 decimals' }),
    Min(0, { message: 'productivity_score must be between 0 and 1' }),
    Max(1, { message: 'productivity_score must be between 0 and 1' }),
  );

export class TimeEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: 'The agent\'s id of the entry; unique per organization' }) external_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String }) employee_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) task_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String }) project_name: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty({ format: 'date-time' }) end_time: string;
  @ApiProperty() duration_seconds: number;
  @ApiProperty({ enum: TIME_ENTRY_ACTIVITY_TYPES }) activity_type: (typeof TIME_ENTRY_ACTIVITY_TYPES)[number];
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    nullable: true,
    type: Number,
    description: 'The agent\'s productivity score; null for sales and support callers, who never see productivity scores (their own entries included)',
  })
  productivity_score: number | null;
  @ApiProperty({ enum: TIME_ENTRY_SOURCES }) source: (typeof TIME_ENTRY_SOURCES)[number];
  @ApiProperty({ enum: TIME_ENTRY_MAPPING_STATUSES }) mapping_status: (typeof TIME_ENTRY_MAPPING_STATUSES)[number];
  @ApiProperty({ nullable: true, type: String, description: 'The mapping step that resolved the entry, e.g. explicit_deal, task_deal, manual' }) mapping_rule: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'no_match' }) unmapped_reason: string | null;
  @ApiProperty({
    enum: ['synced', 'pending'],
    description: 'For the UI badge: `pending` when written; `synced` once the worker has processed the event of the entry\'s latest version (mapping notifications, outbound webhooks and the other event handlers are done with it). Changing it does not change `version`.',
  })
  sync_status: 'synced' | 'pending';
  @ApiProperty() billable: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The sender\'s updated_at of the entry' }) source_updated_at: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class TimeEntryPageDto extends PageOf(TimeEntryDto) {}

/** The body of `POST /time-entries` (CONTRACT.md), one element of a batch, the `data` of a webhook. */
export class CreateTimeEntryDto {
  @OptionalText(200, { description: 'The agent\'s id; the same external_id again returns the stored entry' })
  external_id?: string | null;

  @NullableUuid()
  user_id?: string | null;

  @OptionalText(200)
  employee_id?: string | null;

  @NullableUuid()
  deal_id?: string | null;

  @NullableUuid()
  task_id?: string | null;

  @OptionalText(500)
  project_name?: string | null;

  @Tags({ description: 'The tag `personal` marks a personal entry (counted, not stored)' })
  tags?: string[];

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(ISO, { message: 'start_time must be an ISO-8601 date-time' })
  start_time: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(ISO, { message: 'end_time must be an ISO-8601 date-time' })
  @IsAfterStart()
  end_time: string;

  @ApiPropertyOptional({ minimum: 0, description: `end_time - start_time in seconds (±${DURATION_TOLERANCE_SECONDS}); derived when omitted` })
  @OptionalNotNull()
  @DurationSecondsRules()
  duration_seconds?: number;

  @ApiProperty({ enum: TIME_ENTRY_INPUT_ACTIVITY_TYPES, description: '`personal`: counted, not stored' })
  @IsIn(TIME_ENTRY_INPUT_ACTIVITY_TYPES, { message: `activity_type must be one of ${TIME_ENTRY_INPUT_ACTIVITY_TYPES.join(', ')}` })
  activity_type: (typeof TIME_ENTRY_INPUT_ACTIVITY_TYPES)[number];

  @ApiProperty({ minimum: 0, maximum: 1 })
  @ProductivityScoreRules()
  productivity_score: number;

  @ApiProperty({ enum: TIME_ENTRY_SOURCES })
  @IsIn(TIME_ENTRY_SOURCES, { message: `source must be one of ${TIME_ENTRY_SOURCES.join(', ')}` })
  source: (typeof TIME_ENTRY_SOURCES)[number];

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  billable?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the sender last changed the entry; a newer one than stored updates the entry' })
  @OptionalNotNull()
  @IsISO8601(ISO, { message: 'updated_at must be an ISO-8601 date-time' })
  updated_at?: string;
}

/** PATCH (manager, admin): any subset; times, duration and score are re-checked together. */
export class PatchTimeEntryDto {
  @OptionalText(500)
  project_name?: string | null;

  @Tags()
  tags?: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsISO8601(ISO, { message: 'start_time must be an ISO-8601 date-time' })
  start_time?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsISO8601(ISO, { message: 'end_time must be an ISO-8601 date-time' })
  @IsAfterStart()
  end_time?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @OptionalNotNull()
  @DurationSecondsRules()
  duration_seconds?: number;

  @ApiPropertyOptional({ enum: TIME_ENTRY_ACTIVITY_TYPES })
  @OptionalNotNull()
  @IsIn(TIME_ENTRY_ACTIVITY_TYPES, { message: `activity_type must be one of ${TIME_ENTRY_ACTIVITY_TYPES.join(', ')}` })
  activity_type?: (typeof TIME_ENTRY_ACTIVITY_TYPES)[number];

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @OptionalNotNull()
  @ProductivityScoreRules()
  productivity_score?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  billable?: boolean;
}

/** `POST /time-entries/{id}/assign`: the deal and/or task the entry belongs to. */
export class AssignTimeEntryDto {
  @NullableUuid()
  deal_id?: string | null;

  @NullableUuid({ description: 'The task\'s deal is used when deal_id is omitted' })
  task_id?: string | null;

  @ApiPropertyOptional({ type: RuleFromAssignmentDto, description: 'Also create a mapping rule from this entry\'s values to this target (the review queue is then re-mapped)' })
  @IsOptional()
  @IsObject({ message: 'create_rule must be an object' })
  @ValidateNested()
  @Type(() => RuleFromAssignmentDto)
  create_rule?: RuleFromAssignmentDto;
}

export class TimeEntryBatchDto {
  @ApiProperty({ type: [CreateTimeEntryDto], minItems: 1, maxItems: TIME_ENTRY_BATCH_LIMIT, description: 'Each entry is validated on its own' })
  @IsArray()
  @ArrayMinSize(1, { message: 'entries must contain at least 1 entry' })
  @ArrayMaxSize(TIME_ENTRY_BATCH_LIMIT, { message: `entries must contain at most ${TIME_ENTRY_BATCH_LIMIT} entries per batch` })
  entries: unknown[];
}

export class TimeEntryBatchResultDto {
  @ApiProperty({ description: 'Position of the entry in the request' }) index: number;
  @ApiProperty({
    enum: ['created', 'existing', 'updated', 'invalid', 'counted', 'locked'],
    description: 'locked: a newer version of an entry of an approved timesheet; the entry is kept as approved and the new values are listed in the sync conflicts',
  })
  status: 'created' | 'existing' | 'updated' | 'invalid' | 'counted' | 'locked';
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ enum: TIME_ENTRY_MAPPING_STATUSES }) mapping_status?: 'mapped' | 'unmapped';
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

export class TimeEntryBatchResponseDto {
  @ApiProperty({ type: [TimeEntryBatchResultDto] }) results: TimeEntryBatchResultDto[];
}

/** The answer to a personal entry: counted per person and day, nothing else kept. */
export class TimeEntryCountedDto {
  @ApiProperty({ enum: ['counted'] }) status: 'counted';
}

export class TimeEntryQueryDto extends PageQueryDto {
  @OptionalUuid() deal_id?: string;
  @OptionalUuid() task_id?: string;
  @OptionalUuid() user_id?: string;
  @OptionalUuid() account_id?: string;
  @ApiPropertyOptional({ enum: TIME_ENTRY_MAPPING_STATUSES })
  @IsOptional()
  @IsIn(TIME_ENTRY_MAPPING_STATUSES, { message: 'mapping_status must be mapped or unmapped' })
  mapping_status?: 'mapped' | 'unmapped';
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries starting at or after' })
  @IsOptional()
  @IsISO8601({}, { message: 'date_from must be an ISO-8601 date or date-time' })
  date_from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries starting before' })
  @IsOptional()
  @IsISO8601({}, { message: 'date_to must be an ISO-8601 date or date-time' })
  date_to?: string;
}
