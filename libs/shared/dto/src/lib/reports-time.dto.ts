import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_PERIODS, ReportPeriod } from './reports-query.dto';

const HOURS = 'seconds / 3600 rounded half away from zero to 2 decimals (totals are rounded from the total seconds, not summed from rounded rows)';

/** The filters a report was run with (null: not given). */
export class ReportFiltersDto {
  @ApiProperty({ nullable: true, type: String, format: 'date' }) date_from: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) date_to: string | null;
  @ApiProperty({ nullable: true, type: String, enum: [...REPORT_PERIODS, 'stage'] }) group_by: ReportPeriod | 'stage' | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) owner_id: string | null;
  @ApiProperty({ nullable: true, type: String }) stage: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'The pipeline report only' }) pipeline_id?: string | null;
}

/** Tracked time of a row or of the whole report. */
export class TimeFiguresDto {
  @ApiProperty({ description: 'Number of time entries' }) entries: number;
  @ApiProperty({ description: 'Whole seconds (integer)' }) seconds: number;
  @ApiProperty({ description: HOURS, example: 12.5 }) hours: number;
  @ApiProperty({ description: 'Seconds of billable entries' }) billable_seconds: number;
  @ApiProperty({ description: `Billable hours: ${HOURS}` }) billable_hours: number;
}

class PeriodRow extends TimeFiguresDto {
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'First day of the day/week/month with group_by; null without' }) period: string | null;
}

export class TimePerDealRowDto extends PeriodRow {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: time not mapped to a deal' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String }) deal_name: string | null;
}

export class TimePerClientRowDto extends PeriodRow {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: time of no client' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String }) account_name: string | null;
}

export class TimePerUserRowDto extends PeriodRow {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: time of no known user' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String }) user_name: string | null;
}

export class ScoreFiguresDto {
  @ApiProperty() entries: number;
  @ApiProperty() seconds: number;
  @ApiProperty({ description: HOURS }) hours: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean productivity score per entry (0..1), rounded to 3 decimals' }) average_score: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean score weighted by seconds (0..1), rounded to 3 decimals' }) weighted_average_score: number | null;
}

export class ProductivityRowDto extends ScoreFiguresDto {
  @ApiProperty({ nullable: true, type: String, format: 'date' }) period: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String }) user_name: string | null;
}

const MONEY = 'Decimal string with 2 decimals';

export class RevenueVsHoursRowDto extends TimeFiguresDto {
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty() deal_name: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '12500.00', description: `The deal's value (${MONEY}), not pro-rated to the range` }) value: string;
  @ApiProperty({ nullable: true, type: String, example: '125.00', description: `value / hours in the range, from the exact seconds (${MONEY}, half away from zero)` }) revenue_per_hour: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'billable_seconds / seconds, rounded to 4 decimals' }) billable_share: number | null;
}

export class CurrencyTotalDto {
  @ApiProperty() currency: string;
  @ApiProperty({ description: MONEY }) value: string;
  @ApiProperty({ nullable: true, type: String, description: MONEY }) revenue_per_hour: string | null;
  @ApiProperty() seconds: number;
}

class ReportBase {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
}

export class TimePerDealReportDto extends ReportBase {
  @ApiProperty({ type: [TimePerDealRowDto] }) rows: TimePerDealRowDto[];
  @ApiProperty({ type: TimeFiguresDto }) totals: TimeFiguresDto;
}

export class TimePerClientReportDto extends ReportBase {
  @ApiProperty({ type: [TimePerClientRowDto] }) rows: TimePerClientRowDto[];
  @ApiProperty({ type: TimeFiguresDto }) totals: TimeFiguresDto;
}

export class TimePerUserReportDto extends ReportBase {
  @ApiProperty({ type: [TimePerUserRowDto] }) rows: TimePerUserRowDto[];
  @ApiProperty({ type: TimeFiguresDto }) totals: TimeFiguresDto;
}

export class ProductivityReportDto extends ReportBase {
  @ApiProperty({ type: [ProductivityRowDto] }) rows: ProductivityRowDto[];
  @ApiProperty({ type: ScoreFiguresDto }) totals: ScoreFiguresDto;
}

export class RevenueVsHoursTotalsDto extends TimeFiguresDto {
  @ApiProperty({ type: [CurrencyTotalDto], description: 'Deal values summed per currency (never converted)' }) by_currency: CurrencyTotalDto[];
}

export class RevenueVsHoursReportDto extends ReportBase {
  @ApiProperty({ type: [RevenueVsHoursRowDto], description: 'Deals with time in the range' }) rows: RevenueVsHoursRowDto[];
  @ApiProperty({ type: RevenueVsHoursTotalsDto }) totals: RevenueVsHoursTotalsDto;
}
