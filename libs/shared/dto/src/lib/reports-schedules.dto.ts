import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateBy, ValidateIf, ValidationArguments } from 'class-validator';

/** The reports that can be scheduled and exported (the paths under /reports). */
export const REPORT_NAMES = ['pipeline', 'time-per-deal', 'time-per-client', 'time-per-user', 'revenue-vs-hours', 'productivity'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const REPORT_FILE_FORMATS = ['csv', 'pdf'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];
export const SCHEDULE_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
/** Ranges relative to the day a report runs (in the schedule's time zone; UTC for exports). */
export const RELATIVE_RANGES = ['today', 'yesterday', 'last_7_days', 'last_30_days', 'week_to_date', 'last_week', 'month_to_date', 'last_month', 'year_to_date', 'last_year'] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/** An IANA time zone name the runtime knows (Europe/Berlin, America/New_York, UTC). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The field is required with this frequency and refused with the others. */
const OnlyWithFrequency = (frequency: ScheduleFrequency) =>
  ValidateBy({
    name: 'onlyWithFrequency',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const given = (args?.object as { frequency?: string }).frequency;
        // A patch without frequency is checked again once merged with the stored schedule.
        if (given === undefined) return true;
        const own = given === frequency;
        return own ? value !== undefined && value !== null : value === undefined || value === null;
      },
      defaultMessage: (args?: ValidationArguments) =>
        (args?.object as { frequency?: string }).frequency === frequency ? `${args?.property} is required for ${frequency} schedules` : `${args?.property} is only for ${frequency} schedules`,
    },
  });

const lowerAll = () => Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value));

export class CreateReportScheduleDto {
  @ApiProperty({ enum: REPORT_NAMES })
  @IsIn(REPORT_NAMES, { message: `report must be one of: ${REPORT_NAMES.join(', ')}` })
  report: ReportName;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { range: 'last_7_days', group_by: 'day' },
    description: `The report's query (its filters, group_by, date_from/date_to) without format; or \`range\`, one of ${RELATIVE_RANGES.join(', ')}, resolved in the schedule's time zone at each run`,
  })
  @IsOptional()
  @IsObject({ message: 'params must be an object' })
  params?: Record<string, unknown>;

  @ApiProperty({ enum: SCHEDULE_FREQUENCIES })
  @IsIn(SCHEDULE_FREQUENCIES, { message: `frequency must be one of: ${SCHEDULE_FREQUENCIES.join(', ')}` })
  frequency: ScheduleFrequency;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, nullable: true, type: Number, description: 'Weekly only: ISO weekday, 1 Monday .. 7 Sunday' })
  @ValidateIf((o: { frequency?: string }, v: unknown) => (v !== undefined && v !== null) || o.frequency === 'weekly')
  @OnlyWithFrequency('weekly')
  @IsInt({ message: 'weekday must be a whole number' })
  @Min(1, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be 1 (Monday) to 7 (Sunday)' })
  weekday?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 31, nullable: true, type: Number, description: 'Monthly only: 1..31; months without that day run on their last day' })
  @ValidateIf((o: { frequency?: string }, v: unknown) => (v !== undefined && v !== null) || o.frequency === 'monthly')
  @OnlyWithFrequency('monthly')
  @IsInt({ message: 'day_of_month must be a whole number' })
  @Min(1, { message: 'day_of_month must be 1 to 31' })
  @Max(31, { message: 'day_of_month must be 1 to 31' })
  day_of_month?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, default: 8, description: 'Hour of the day in the time zone' })
  @IsOptional()
  @IsInt({ message: 'hour must be a whole number' })
  @Min(0, { message: 'hour must be 0 to 23' })
  @Max(23, { message: 'hour must be 0 to 23' })
  hour?: number;

  @ApiPropertyOptional({ default: 'UTC', example: 'Europe/Berlin', description: 'IANA time zone of hour, weekday and day_of_month' })
  @IsOptional()
  @ValidateBy({ name: 'isTimeZone', validator: { validate: isTimeZone, defaultMessage: () => 'timezone must be an IANA time zone such as Europe/Berlin' } })
  timezone?: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 20, example: ['finance@example.com'] })
  @lowerAll()
  @IsArray({ message: 'recipients must be a list of email addresses' })
  @ArrayMinSize(1, { message: 'recipients must have at least 1 address' })
  @ArrayMaxSize(20, { message: 'recipients must have at most 20 addresses' })
  @ArrayUnique({ message: 'recipients must not repeat an address' })
  @IsEmail({}, { each: true, message: 'recipients must contain only email addresses' })
  recipients: string[];

  @ApiProperty({ enum: REPORT_FILE_FORMATS, description: 'The attachment: CSV rows or the PDF' })
  @IsIn(REPORT_FILE_FORMATS, { message: 'format must be csv or pdf' })
  format: ReportFileFormat;
}

export const SCHEDULE_PAUSE_REASONS = ['owner_deactivated', 'owner_role_lost', 'paused_by_user'] as const;
export type SchedulePauseReason = (typeof SCHEDULE_PAUSE_REASONS)[number];

/** Only the fields sent change; the result must still be a valid schedule. */
export class PatchReportScheduleDto extends PartialType(CreateReportScheduleDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    description:
      "true pauses the schedule (nothing is sent); false resumes it, which needs its owner active and still in a role that may schedule the report (400 otherwise)",
  })
  @IsOptional()
  @IsBoolean({ message: 'paused must be true or false' })
  paused?: boolean;
}

export class ReportScheduleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Who scheduled it' }) user_id: string;
  @ApiProperty({ enum: REPORT_NAMES }) report: ReportName;
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty({ enum: SCHEDULE_FREQUENCIES }) frequency: ScheduleFrequency;
  @ApiProperty({ nullable: true, type: Number }) weekday: number | null;
  @ApiProperty({ nullable: true, type: Number }) day_of_month: number | null;
  @ApiProperty() hour: number;
  @ApiProperty() timezone: string;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ enum: REPORT_FILE_FORMATS }) format: ReportFileFormat;
  @ApiProperty({ format: 'date-time' }) next_run_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) last_run_at: string | null;
  @ApiProperty({ nullable: true, enum: ['sent', 'failed'] }) last_status: 'sent' | 'failed' | null;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ description: 'A paused schedule sends nothing until it is resumed (PATCH paused: false)' }) paused: boolean;
  @ApiProperty({
    nullable: true,
    enum: SCHEDULE_PAUSE_REASONS,
    description: 'Why it is paused: its owner was deactivated, its owner no longer has a role that may schedule this report (the report runs as its owner with the current role), or a user paused it',
  })
  paused_reason: SchedulePauseReason | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paused_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ReportScheduleListDto {
  @ApiProperty({ type: [ReportScheduleDto], description: "The caller's schedules (an admin's: every schedule of the organization), oldest first" })
  data: ReportScheduleDto[];
}
