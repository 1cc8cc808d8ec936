import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull, Trim } from './validation';

/** How a deal bills (docs/billing-models.md). Same list as the deals table's CHECK. */
export const BILLING_MODELS = ['hourly', 'fixed', 'retainer'] as const;
export type BillingModelValue = (typeof BILLING_MODELS)[number];
export const MILESTONE_STATUS_VALUES = ['planned', 'reached', 'invoiced'] as const;
export type MilestoneStatusValue = (typeof MILESTONE_STATUS_VALUES)[number];

/** The largest amount in cents a bigint column and a JavaScript number both hold exactly. */
const MAX_CENTS = Number.MAX_SAFE_INTEGER;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Positive hours with at most 2 decimals, fitting numeric(10, 2). */
const HOURS = /^(?!0+(\.0{1,2})?$)\d{1,8}(\.\d{1,2})?$/;

/** The terms of a retainer: required (all fields) when billing_model is retainer. */
export class RetainerTermsDto {
  @ApiProperty({ example: '40.00', description: 'Hours included per calendar month (> 0, at most 2 decimals)' })
  @IsString({ message: 'hours_per_month must be a decimal string such as "40" or "37.5"' })
  @Matches(HOURS, { message: 'hours_per_month must be a positive number of hours with at most 2 decimals, e.g. "40"' })
  hours_per_month: string;

  @ApiProperty({ example: 400000, description: "Price of a month in the deal's currency, integer cents (>= 0)" })
  @IsInt({ message: 'price_cents must be an integer number of cents' })
  @Min(0, { message: 'price_cents must not be negative' })
  @Max(MAX_CENTS)
  price_cents: number;

  @ApiProperty({ example: 12000, description: 'Price of an hour beyond the included and rolled-over hours, integer cents (>= 0)' })
  @IsInt({ message: 'overage_rate_cents must be an integer number of cents' })
  @Min(0, { message: 'overage_rate_cents must not be negative' })
  @Max(MAX_CENTS)
  overage_rate_cents: number;

  @ApiProperty({ example: 2, minimum: 0, maximum: 24, description: 'Unused hours of a month can be used in the next N months (0: no rollover)' })
  @IsInt({ message: 'rollover_months must be an integer' })
  @Min(0, { message: 'rollover_months must be between 0 and 24' })
  @Max(24, { message: 'rollover_months must be between 0 and 24' })
  rollover_months: number;

  @ApiProperty({ format: 'date', example: '2026-03-16', description: 'First day of the retainer; a start after the 1st prorates the first month' })
  @Matches(DATE_ONLY, { message: 'starts_on must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'starts_on must be a date (YYYY-MM-DD)' })
  starts_on: string;
}

export class DealMilestoneDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty({ example: 'Design signed off' }) name: string;
  @ApiProperty({ example: 250000, description: "Integer cents in the deal's currency" }) amount_cents: number;
  @ApiProperty({ format: 'date' }) due_on: string;
  @ApiProperty({ enum: MILESTONE_STATUS_VALUES, description: 'planned -> reached (invoiceable) -> invoiced (on a draft or issued invoice; voiding it makes it reached again)' })
  status: MilestoneStatusValue;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day it was reached; null while planned' }) reached_on: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The invoice that bills it' }) invoice_id: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class DealMilestoneListDto {
  @ApiProperty({ type: [DealMilestoneDto], description: 'By due date' }) data: DealMilestoneDto[];
}

export class CreateDealMilestoneDto {
  @ApiProperty({ example: 'Design signed off' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 250000, description: "Positive integer cents in the deal's currency" })
  @IsInt({ message: 'amount_cents must be an integer number of cents' })
  @Min(1, { message: 'amount_cents must be positive' })
  @Max(MAX_CENTS)
  amount_cents: number;

  @ApiProperty({ format: 'date', example: '2026-04-30' })
  @Matches(DATE_ONLY, { message: 'due_on must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'due_on must be a date (YYYY-MM-DD)' })
  due_on: string;
}

/** PATCH body: name, amount and due date (not of an invoiced milestone). */
export class PatchDealMilestoneDto extends PartialType(CreateDealMilestoneDto) {}

export class ReachMilestoneDto {
  @ApiPropertyOptional({ format: 'date', description: 'The day it was reached; default today (UTC)' })
  @OptionalNotNull()
  @Matches(DATE_ONLY, { message: 'reached_on must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'reached_on must be a date (YYYY-MM-DD)' })
  reached_on?: string;
}

export class RetainerBalanceQueryDto {
  @ApiPropertyOptional({ example: '2026-04', description: "The month (YYYY-MM) in the organization's time zone; default the current one" })
  @OptionalNotNull()
  @IsString()
  @Matches(MONTH, { message: 'month must be a month (YYYY-MM)' })
  month?: string;
}

/** A retainer month: what it includes, what rolled into it, what was used and what is left. Hours have 2 decimals. */
export class RetainerBalanceDto {
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty({ example: '2026-04' }) month: string;
  @ApiProperty({ example: 'Europe/Berlin', description: 'The time zone the month is counted in' }) timezone: string;
  @ApiProperty({ description: 'false before the retainer starts (every figure 0)' }) active: boolean;
  @ApiProperty({ example: 40, description: "This month's hours (prorated in the first month)" }) included_hours: number;
  @ApiProperty({ example: 6.5, description: 'Unused hours of the previous rollover_months months still usable' }) rolled_over_hours: number;
  @ApiProperty({ example: 30.25, description: 'Billable hours tracked on the deal in the month' }) used_hours: number;
  @ApiProperty({ example: 16.25, description: 'included + rolled over - used, never below 0' }) left_hours: number;
  @ApiProperty({ example: 0, description: 'Hours beyond included + rolled over' }) overage_hours: number;
  @ApiProperty({ example: 400000, description: "The month's fee in cents (prorated in the first month)" }) price_cents: number;
  @ApiProperty({ example: 0, description: 'overage at the overage rate, cents (rounded half up once)' }) overage_cents: number;
  @ApiProperty({ example: 'USD' }) currency: string;
}
