import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, isUUID, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalNotNull, Trim, TrimToNull, NullableUuid, OptionalUuid } from './validation';

export const ACTIVITY_TYPES = ['call', 'meeting'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** The outcomes each type of activity may have. */
export const ACTIVITY_OUTCOMES = {
  call: ['connected', 'no_answer', 'left_voicemail', 'busy', 'wrong_number'],
  meeting: ['held', 'cancelled', 'rescheduled', 'no_show'],
} as const satisfies Record<ActivityType, readonly string[]>;
export const ALL_ACTIVITY_OUTCOMES = [...new Set(Object.values(ACTIVITY_OUTCOMES).flat())];

/** Whether `outcome` is one of `type`'s (unknown types: left to the type's own check). */
export const isOutcomeOf = (type: unknown, outcome: unknown): boolean =>
  typeof type !== 'string' || !(type in ACTIVITY_OUTCOMES) || (ACTIVITY_OUTCOMES[type as ActivityType] as readonly string[]).includes(outcome as string);

const OutcomeOfType = () =>
  ValidateBy({
    name: 'outcomeOfType',
    validator: {
      validate: (value: unknown, args) => isOutcomeOf((args?.object as { type?: unknown }).type, value),
      defaultMessage: (args) => {
        const type = (args?.object as { type?: ActivityType }).type as ActivityType;
        return `outcome must be one of ${ACTIVITY_OUTCOMES[type]?.join(', ')} for a ${type}`;
      },
    },
  });

/** At least one of account_id, contact_id, deal_id. */
const SomeParent = () =>
  ValidateBy({
    name: 'someParent',
    validator: {
      validate: (_: unknown, args) => {
        const o = args?.object as { account_id?: unknown; contact_id?: unknown; deal_id?: unknown };
        return !!(o.account_id || o.contact_id || o.deal_id);
      },
      defaultMessage: () => 'account_id, contact_id or deal_id is required: an activity is logged against at least one record',
    },
  });

const Subject = () =>
  applyDecorators(
    Trim(),
    IsString({ message: 'subject must be a string' }),
    MaxLength(200, { message: 'subject must be at most 200 characters' }),
    Matches(/\S/, { message: 'subject must not be empty' }),
  );

const Minutes = () =>
  applyDecorators(
    IsInt({ message: 'duration_minutes must be a whole number of minutes' }),
    Min(0, { message: 'duration_minutes must be at least 0' }),
    Max(1440, { message: 'duration_minutes must be at most 1440' }),
  );

const ActivityNotes = () =>
  applyDecorators(
    ApiPropertyOptional({ nullable: true, type: String, maxLength: 20000 }),
    IsOptional(),
    TrimToNull(),
    IsString({ message: 'notes must be a string' }),
    MaxLength(20000, { message: 'notes must be at most 20000 characters' }),
  );

/** Absent, null or a UUID (beside SomeParent, which must see the absent case too). */
const UuidOrNull = (field: string) =>
  ValidateBy({
    name: 'uuidOrNull',
    validator: { validate: (value: unknown) => value == null || isUUID(value as string), defaultMessage: () => `${field} must be a UUID` },
  });

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: ActivityType;
  @ApiProperty({ example: 'Discovery call' }) subject: string;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
  @ApiProperty({ minimum: 0, maximum: 1440 }) duration_minutes: number;
  @ApiProperty({ enum: ALL_ACTIVITY_OUTCOMES, description: 'call: connected, no_answer, left_voicemail, busy, wrong_number; meeting: held, cancelled, rescheduled, no_show' }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contact_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Who held it; null when logged with an API key' }) owner_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ActivityPageDto extends PageOf(ActivityDto) {}

class ActivityFields {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Discovery call' })
  @Subject()
  subject: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'occurred_at must be an ISO-8601 date-time' })
  occurred_at: string;

  @ApiProperty({ minimum: 0, maximum: 1440 })
  @Minutes()
  duration_minutes: number;

  @ActivityNotes()
  notes?: string | null;
}

export class CreateActivityDto extends ActivityFields {
  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES, { message: 'type must be call or meeting' })
  type: ActivityType;

  @ApiProperty({ enum: ALL_ACTIVITY_OUTCOMES, description: 'One of the outcomes of its type' })
  @IsString({ message: 'outcome must be a string' })
  @OutcomeOfType()
  outcome: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @SomeParent()
  @UuidOrNull('account_id')
  account_id?: string | null;

  @NullableUuid()
  contact_id?: string | null;

  @NullableUuid()
  deal_id?: string | null;

  @NullableUuid({ description: 'Defaults to the signed-in user' })
  owner_id?: string | null;
}

/** PATCH: only the fields sent change; the records it is linked to stay. The outcome is checked against the (new or current) type. */
export class PatchActivityDto {
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @OptionalNotNull()
  @IsIn(ACTIVITY_TYPES, { message: 'type must be call or meeting' })
  type?: ActivityType;

  @ApiPropertyOptional({ enum: ALL_ACTIVITY_OUTCOMES })
  @OptionalNotNull()
  @IsString({ message: 'outcome must be a string' })
  @OutcomeOfType()
  outcome?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @OptionalNotNull()
  @Subject()
  subject?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsISO8601({ strict: true }, { message: 'occurred_at must be an ISO-8601 date-time' })
  occurred_at?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1440 })
  @OptionalNotNull()
  @Minutes()
  duration_minutes?: number;

  @ActivityNotes()
  notes?: string | null;
}

export class ActivityQueryDto extends PageQueryDto {
  @OptionalUuid() account_id?: string;
  @OptionalUuid() contact_id?: string;
  @OptionalUuid() deal_id?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES }) @IsOptional() @IsIn(ACTIVITY_TYPES, { message: 'type must be call or meeting' }) type?: ActivityType;
  @ApiPropertyOptional({ format: 'date-time', description: 'occurred_at at or after' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or date-time' }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'occurred_at before' }) @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or date-time' }) to?: string;
}

export const ACTIVITY_REPORT_GROUPS = ['user', 'type', 'outcome'] as const;
export type ActivityReportGroup = (typeof ACTIVITY_REPORT_GROUPS)[number];

export class ActivityReportQueryDto {
  @ApiProperty({ enum: ACTIVITY_REPORT_GROUPS })
  @IsIn(ACTIVITY_REPORT_GROUPS, { message: 'group_by must be user, type or outcome' })
  group_by: ActivityReportGroup;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurred_at at or after' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'occurred_at before' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or date-time' })
  to?: string;
}

export class ActivityReportRowDto {
  @ApiProperty({ nullable: true, type: String, description: 'The user id, type or outcome; null: activities with no owner' }) key: string | null;
  @ApiProperty() count: number;
  @ApiProperty() total_duration_minutes: number;
}

export class ActivityReportDto {
  @ApiProperty({ enum: ACTIVITY_REPORT_GROUPS }) group_by: ActivityReportGroup;
  @ApiProperty({ type: [ActivityReportRowDto], description: 'Most activities first' }) rows: ActivityReportRowDto[];
  @ApiProperty() total_count: number;
  @ApiProperty() total_duration_minutes: number;
}
