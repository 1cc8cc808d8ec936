import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, registerDecorator, ValidationArguments } from 'class-validator';
import { DealStage } from './deal.dto';
import { OptionalUuid } from './validation';

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
/** The longest range one rollup check recomputes from the raw entries. */
export const ROLLUP_CHECK_MAX_DAYS = 366;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** A YYYY-MM-DD date; on `date_to`, also after `date_from` (and at most `maxDays` later). */
function IsReportDate(options: { after?: string; maxDays?: number } = {}) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isReportDate',
      target: object.constructor,
      propertyName,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (!isCalendarDate(value)) return false;
          const from = options.after ? (args.object as Record<string, unknown>)[options.after] : undefined;
          if (!isCalendarDate(from)) return true;
          return days(from, value) > 0 && (options.maxDays === undefined || days(from, value) <= options.maxDays);
        },
        defaultMessage(args: ValidationArguments) {
          if (!isCalendarDate(args.value)) return `${propertyName} must be a date written YYYY-MM-DD`;
          const limit = options.maxDays ? ` and at most ${options.maxDays} days after it` : '';
          return `${propertyName} must be after ${options.after}${limit} (the range includes ${options.after} and excludes ${propertyName})`;
        },
      },
    });
}

/** The date range and output format every report takes. */
export class ReportRangeQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day included (UTC); omitted: from the beginning' })
  @IsOptional()
  @IsReportDate()
  date_from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-02-01', description: 'First day excluded (UTC), after date_from; omitted: up to now and beyond' })
  @IsOptional()
  @IsReportDate({ after: 'date_from' })
  date_to?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: 'csv: the rows as a CSV download; pdf: title, filters, table and a bar chart' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: 'format must be json, csv or pdf' })
  format?: ReportFormat;
}

/** Filters of the time reports (each report names the ones it honours). */
export class TimeReportFiltersQueryDto extends ReportRangeQueryDto {
  @OptionalUuid() deal_id?: string;
  @OptionalUuid({ description: 'The client (account) the time was booked for' })
  account_id?: string;
  @OptionalUuid({ description: 'Who tracked the time' }) user_id?: string;
  @OptionalUuid({ description: 'Time on deals owned by this user' })
  owner_id?: string;
}

/** Time per deal, client, user and productivity: also grouped by day, week (ISO, from Monday) or month. */
export class TimeReportQueryDto extends TimeReportFiltersQueryDto {
  @ApiPropertyOptional({ enum: REPORT_PERIODS, description: 'Adds a `period` (first day of the day/week/month, UTC) to each row' })
  @IsOptional()
  @IsIn(REPORT_PERIODS, { message: 'group_by must be day, week or month' })
  group_by?: ReportPeriod;
}

/** The pipeline: deals created in the range (created_at, UTC), by stage. */
export class PipelineReportQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ enum: ['stage'], default: 'stage' }) @IsOptional() @IsIn(['stage'], { message: 'group_by must be stage' }) group_by?: 'stage';
  @OptionalUuid() owner_id?: string;
  @OptionalUuid() account_id?: string;
  @OptionalUuid({ description: 'Only the deals of this pipeline' }) pipeline_id?: string;
  @ApiPropertyOptional({ type: String, description: 'A stage key' }) @IsOptional() @IsString({ message: 'stage must be a stage key' }) @MaxLength(40, { message: 'stage must be a stage key' }) stage?: DealStage;
}

/** `POST /reports/rollups/check`: recompute a range from the raw entries and compare. */
export class RollupCheckDto {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day included (UTC)' })
  @IsReportDate()
  date_from: string;

  @ApiProperty({ format: 'date', example: '2026-02-01', description: `First day excluded (UTC); at most ${ROLLUP_CHECK_MAX_DAYS} days after date_from` })
  @IsReportDate({ after: 'date_from', maxDays: ROLLUP_CHECK_MAX_DAYS })
  date_to: string;

  @ApiPropertyOptional({ default: false, description: 'Also correct the rollups found to differ' })
  @IsOptional()
  @IsBoolean({ message: 'repair must be true or false' })
  repair?: boolean;
}
