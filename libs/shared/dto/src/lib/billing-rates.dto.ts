import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DecimalToString, HOURLY_RATE, HourlyAmount, IsBillingDate, IsCurrencyCode, RateCurrency, RateValidFrom, RateValidTo } from './billing-fields';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalUuid, OptionalOneOf } from './validation';

/** Most specific first: the order in which an entry's rate is chosen. */
export const BILLING_RATE_LEVELS = ['deal_user', 'deal', 'account', 'user', 'organization'] as const;
export type BillingRateLevel = (typeof BILLING_RATE_LEVELS)[number];

export class RateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BILLING_RATE_LEVELS, description: 'Derived from the ids given; deal_user > deal > account > user > organization' })
  level: BillingRateLevel;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ example: '120.00', description: 'Decimal string with 2 decimals' }) hourly_rate: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' }) currency: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) valid_from: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Last day the rate applies; null: open-ended' }) valid_to: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class RatePageDto extends PageOf(RateDto) {}

export class RateQueryDto extends PageQueryDto {
  @OptionalOneOf(BILLING_RATE_LEVELS)
  level?: BillingRateLevel;

  @OptionalUuid()
  account_id?: string;

  @OptionalUuid()
  deal_id?: string;

  @OptionalUuid()
  user_id?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only rates in effect on this day' })
  @IsOptional()
  @IsBillingDate()
  active_on?: string;
}

/**
 * POST body. The level follows from the ids: none -> organization, `account_id` -> account,
 * `deal_id` -> deal, `user_id` -> user, `deal_id` + `user_id` -> deal_user. Periods of rates of
 * the same scope may not overlap (409). The ids are declared as the list's filters of the same name.
 */
export class CreateRateDto extends PickType(RateQueryDto, ['account_id', 'deal_id', 'user_id'] as const) {
  @HourlyAmount('120.00')
  hourly_rate: string;

  @RateCurrency()
  currency: string;

  @RateValidFrom('First day the rate applies (by the entry start date, UTC)')
  valid_from: string;

  @RateValidTo({ description: 'Last day the rate applies; omit or null for open-ended' })
  valid_to?: string | null;
}

/** PATCH: the amount, currency and period; the scope of a rate is fixed (create another). */
export class PatchRateDto {
  @ApiPropertyOptional({ example: '130.00' })
  @IsOptional()
  @DecimalToString()
  @Matches(HOURLY_RATE, { message: 'hourly_rate must be a non-negative amount with at most 2 decimals, e.g. 120.00' })
  hourly_rate?: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsCurrencyCode('currency')
  currency?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsBillingDate()
  valid_from?: string;

  @RateValidTo()
  valid_to?: string | null;
}
