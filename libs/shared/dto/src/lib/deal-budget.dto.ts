import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { BUDGET_PERIODS, BudgetPeriod } from './deal.dto';

export const BUDGET_KINDS = ['hours', 'money'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** One budget of a deal in its current period. */
export class BudgetBurnDto {
  @ApiProperty({ enum: BUDGET_KINDS }) kind: BudgetKind;
  @ApiProperty({ example: '120.00', description: 'Hours, or money in `currency` (decimal string)' }) budget: string;
  @ApiProperty({ example: '97.25', description: 'Hours tracked on the deal in the period (seconds / 3600, 2 decimals), or the billable value of its time at the hourly rates in the deal currency' })
  used: string;
  @ApiProperty({ nullable: true, type: String, example: 'USD', description: 'The deal currency (money); null for hours' }) currency: string | null;
  @ApiProperty({ example: 81.0, description: 'used / budget × 100, rounded to 1 decimal' }) percent: number;
  @ApiProperty({ example: '1.75', description: 'Average burn per day over the last 14 days (today included), same unit as used' }) daily_burn: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'When the budget runs out at that burn rate; null when already spent or nothing was burned in 14 days' })
  projected_exhaustion: string | null;
  @ApiProperty({ type: [Number], description: 'The thresholds (percent) alerted in this period' }) alerted: number[];
}

export class DealBudgetDto {
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty() deal_name: string;
  @ApiProperty({ enum: BUDGET_PERIODS }) budget_period: BudgetPeriod;
  @ApiProperty({ example: '2026-12', description: '`life`, or the month (YYYY-MM, UTC) the figures cover' }) period: string;
  @ApiProperty({ type: [Number], example: [50, 80, 100], description: "The organization's alert thresholds (percent)" }) thresholds: number[];
  @ApiProperty({ type: [BudgetBurnDto], description: 'One per budget the deal has (none: no budget)' }) budgets: BudgetBurnDto[];
}

export class DealBudgetListDto {
  @ApiProperty({ type: [DealBudgetDto], description: 'Every open deal with a budget, highest percent first' }) data: DealBudgetDto[];
}

/** `PUT /budget-thresholds`: 1..10 whole percentages, each 1..1000, ascending without repeats. */
export class BudgetThresholdsDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 10, example: [50, 80, 100] })
  @IsArray({ message: 'thresholds must be a list of percentages' })
  @ArrayMinSize(1, { message: 'thresholds must hold 1 to 10 percentages' })
  @ArrayMaxSize(10, { message: 'thresholds must hold 1 to 10 percentages' })
  @IsInt({ each: true, message: 'thresholds must be whole percentages' })
  @Min(1, { each: true, message: 'thresholds must be between 1 and 1000' })
  @Max(1000, { each: true, message: 'thresholds must be between 1 and 1000' })
  thresholds: number[];
}

/** The payload of `deal.budget_threshold`. */
export interface DealBudgetThresholdPayload {
  deal_id: string;
  deal_name: string;
  owner_id: string | null;
  kind: BudgetKind;
  period: string;
  threshold: number;
  percent: number;
  used: string;
  budget: string;
  currency: string | null;
}
