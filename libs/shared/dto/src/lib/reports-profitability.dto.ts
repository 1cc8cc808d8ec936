import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TimeReportFiltersQueryDto } from './reports-query.dto';
import { ReportFiltersDto } from './reports-time.dto';

export const PROFITABILITY_GROUPS = ['deal', 'account', 'user'] as const;
export type ProfitabilityGroup = (typeof PROFITABILITY_GROUPS)[number];

const MONEY = 'Decimal string with 2 decimals';

/** `GET /reports/profitability`: the range, the filters of the time reports, and what a row is. */
export class ProfitabilityReportQueryDto extends TimeReportFiltersQueryDto {
  @ApiProperty({ enum: PROFITABILITY_GROUPS, description: 'A row per deal, client (account) or person, and currency' })
  @IsIn(PROFITABILITY_GROUPS, { message: 'group_by must be deal, account or user' })
  group_by: ProfitabilityGroup;
}

/** The money of a row or of a currency's total. */
export class ProfitabilityFiguresDto {
  @ApiProperty({ nullable: true, type: String, example: 'EUR', description: 'null: the time no hourly rate or cost rate covers (its money is 0)' })
  currency: string | null;
  @ApiProperty({ description: 'Billable seconds priced in this currency (currency null: billable seconds no hourly rate covers)' }) billable_seconds: number;
  @ApiProperty({ description: 'Seconds (billable or not) costed in this currency (currency null: seconds no cost rate covers)' }) costed_seconds: number;
  @ApiProperty({ example: '1200.00', description: `Σ billable seconds × hourly rate of the day / 3600, rounded half up once (${MONEY})` }) billable_value: string;
  @ApiProperty({ example: '800.00', description: `Σ amounts of the lines of issued and paid invoices dated in the range (${MONEY})` }) invoiced_value: string;
  @ApiProperty({ example: '450.00', description: `Σ seconds × cost rate of the person on the day / 3600, rounded half up once (${MONEY})` }) cost: string;
  @ApiProperty({ example: '750.00', description: `billable_value − cost (${MONEY})` }) margin: string;
  @ApiProperty({ nullable: true, type: String, example: '62.5', description: 'margin / billable_value × 100, rounded half up to 1 decimal; null when billable_value is 0' })
  margin_percent: string | null;
}

export class ProfitabilityRowDto extends ProfitabilityFiguresDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The deal, account or user (by group_by); null: time of none' }) key_id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}


export class ProfitabilityReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ enum: PROFITABILITY_GROUPS }) group: ProfitabilityGroup;
  @ApiProperty({ type: [ProfitabilityRowDto], description: 'Per key and currency, largest billable value first' }) rows: ProfitabilityRowDto[];
  @ApiProperty({ type: [ProfitabilityFiguresDto], description: 'The rows summed per currency (never converted)' }) totals: ProfitabilityFiguresDto[];
}
