import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { IsBillingDate } from './billing-fields';
import { PageOf, PageQueryDto } from './page.dto';
import { isTimeZone } from './reports-schedules.dto';
import { OptionalNotNull, OptionalUuid, Trim, OptionalOneOf } from './validation';

export const TIMESHEET_STATUSES = ['open', 'submitted', 'approved', 'rejected'] as const;
export type TimesheetStatusDto = (typeof TIMESHEET_STATUSES)[number];
export const TIMESHEET_PERIODS = ['week', 'month'] as const;
export type TimesheetPeriod = (typeof TIMESHEET_PERIODS)[number];
/** The least confidence_threshold an organization may set for auto-applied mapping suggestions. */
export const SUGGESTION_THRESHOLD_MIN = 0.5;

/** The hours of one deal in a timesheet (`deal_id` null: entries not mapped to a deal). */
export class TimesheetDealHoursDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String }) deal_name: string | null;
  @ApiProperty() seconds: number;
}

/** One person's period (UTC days; `period_end` excluded) and where it stands. */
export class TimesheetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ nullable: true, type: String }) user_name: string | null;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) period_start: string;
  @ApiProperty({ format: 'date', example: '2026-12-07', description: 'The first day after the period' }) period_end: string;
  @ApiProperty({ enum: TIMESHEET_STATUSES }) status: TimesheetStatusDto;
  @ApiProperty({ nullable: true, type: String, description: 'The last decision\'s comment (a rejection\'s reason)' }) comment: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submitted_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) submitted_by: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decided_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decided_by: string | null;
  @ApiProperty({ description: 'Seconds of the period\'s time entries' }) total_seconds: number;
  @ApiProperty({ type: [TimesheetDealHoursDto] }) by_deal: TimesheetDealHoursDto[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class TimesheetPageDto extends PageOf(TimesheetDto) {}

/** `?status=&user_id=&period_start=`: newest period first. */
export class TimesheetQueryDto extends PageQueryDto {
  @OptionalOneOf(TIMESHEET_STATUSES)
  status?: TimesheetStatusDto;

  @OptionalUuid()
  user_id?: string;
}

/** One row of the period grid: a deal and task, its seconds per day of the period. */
export class TimesheetGridRowDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String }) deal_name: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) task_id: string | null;
  @ApiProperty({ nullable: true, type: String }) task_title: string | null;
  @ApiProperty({ type: [Number], description: 'Seconds per day, in the order of `days`' }) seconds_by_day: number[];
  @ApiProperty() total_seconds: number;
}

/** A person's period as a grid (rows deal/task, columns days) with its timesheet's status and comment. */
export class TimesheetPeriodDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ enum: TIMESHEET_PERIODS }) period: TimesheetPeriod;
  @ApiProperty({ format: 'date' }) period_start: string;
  @ApiProperty({ format: 'date', description: 'The first day after the period' }) period_end: string;
  @ApiProperty({ enum: TIMESHEET_STATUSES, description: 'open while never submitted' }) status: TimesheetStatusDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The timesheet of the period; null while never submitted' }) timesheet_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The last decision's comment (a rejection's reason)" }) comment: string | null;
  @ApiProperty({ type: [String], format: 'date' }) days: string[];
  @ApiProperty({ type: [TimesheetGridRowDto] }) rows: TimesheetGridRowDto[];
  @ApiProperty({ type: [Number] }) day_totals: number[];
  @ApiProperty() total_seconds: number;
}

/** `?date=` (any day of the period; default today, UTC) `&user_id=` (default the caller). */
export class TimesheetPeriodQueryDto {
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsBillingDate()
  date?: string;

  @OptionalUuid({ description: 'Admins and managers: anyone; sales and support: themselves only' })
  user_id?: string;
}

/** Submits the period holding `date` (default today) of `user_id` (default the caller; admins and managers may name anyone). */
export class SubmitTimesheetDto extends TimesheetPeriodQueryDto {}

export class TimesheetDecisionDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString({ message: 'comment must be text' })
  @MaxLength(2000, { message: 'comment must be at most 2000 characters' })
  comment?: string;
}

export class RejectTimesheetDto {
  @ApiProperty({ maxLength: 2000, description: 'Why: shown to the person' })
  @Trim()
  @IsString({ message: 'comment must be text' })
  @MinLength(1, { message: 'comment must not be empty' })
  @MaxLength(2000, { message: 'comment must be at most 2000 characters' })
  comment: string;
}

export class OrganizationSettingsDto {
  @ApiProperty({ enum: TIMESHEET_PERIODS, description: 'Timesheet period: week (Monday to Sunday) or month, in UTC days' }) timesheet_period: TimesheetPeriod;
  @ApiProperty({ description: 'Invoices take only time entries of approved timesheets' }) invoices_require_approval: boolean;
  @ApiProperty({ example: 'Europe/Berlin', description: "IANA time zone of the organization's calendar: the months of retainers (docs/billing-models.md)" }) timezone: string;
  @ApiProperty({ description: 'The worker maps unmapped time entries to their suggested deal when the confidence is at or above confidence_threshold (docs/insights.md)' }) auto_apply_suggestions: boolean;
  @ApiProperty({ minimum: SUGGESTION_THRESHOLD_MIN, maximum: 1, example: 0.9, description: 'The least confidence of a suggestion the worker applies by itself' }) confidence_threshold: number;
}

export class UpdateOrganizationSettingsDto {
  @OptionalOneOf(TIMESHEET_PERIODS)
  timesheet_period?: TimesheetPeriod;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'invoices_require_approval must be true or false' })
  invoices_require_approval?: boolean;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'An IANA time zone name; changes which calendar month time counts in for retainers from now on' })
  @OptionalNotNull()
  @ValidateBy({ name: 'isTimeZone', validator: { validate: isTimeZone, defaultMessage: () => 'timezone must be an IANA time zone such as Europe/Berlin' } })
  timezone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'auto_apply_suggestions must be true or false' })
  auto_apply_suggestions?: boolean;

  @ApiPropertyOptional({ minimum: SUGGESTION_THRESHOLD_MIN, maximum: 1, example: 0.9 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false }, { message: 'confidence_threshold must be a number with at most 3 decimals' })
  @Min(SUGGESTION_THRESHOLD_MIN, { message: `confidence_threshold must be at least ${SUGGESTION_THRESHOLD_MIN}` })
  @Max(1, { message: 'confidence_threshold must be at most 1' })
  confidence_threshold?: number;
}
