import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { HourlyAmount, IsBillingDate, RateCurrency, RateValidFrom, RateValidTo } from './billing-fields';
import { PageOf, PageQueryDto } from './page.dto';
import { ROLES, Role } from './roles';
import { OptionalUuid, OptionalOneOf } from './validation';

/** Most specific first: a user's own cost rate comes before the rate of the user's role. */
export const COST_RATE_LEVELS = ['user', 'role'] as const;
export type CostRateLevel = (typeof COST_RATE_LEVELS)[number];

export class CostRateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COST_RATE_LEVELS, description: 'user: one person; role: everyone of the role without a rate of their own' }) level: CostRateLevel;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ROLES }) role: Role | null;
  @ApiProperty({ example: '45.00', description: 'Internal cost of an hour, decimal string with 2 decimals' }) hourly_cost: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' }) currency: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) valid_from: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Last day the rate applies; null: open-ended' }) valid_to: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class CostRatePageDto extends PageOf(CostRateDto) {}

/** POST body: exactly one of `user_id` and `role`. Periods of one scope may not overlap (409). */
export class CreateCostRateDto {
  @OptionalUuid({ description: 'The person this cost applies to (or give role)' })
  user_id?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Every user of this role without a cost rate of their own (or give user_id)' })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @HourlyAmount('45.00')
  hourly_cost: string;

  @RateCurrency()
  currency: string;

  @RateValidFrom('First day the cost applies (UTC day of the time)')
  valid_from: string;

  @RateValidTo({ description: 'Last day the cost applies; omit or null for open-ended' })
  valid_to?: string | null;
}

/** PATCH: the amount, currency and period; the scope is fixed (create another). */
export class PatchCostRateDto extends PartialType(OmitType(CreateCostRateDto, ['user_id', 'role'] as const)) {}

export class CostRateQueryDto extends PageQueryDto {
  @OptionalOneOf(COST_RATE_LEVELS)
  level?: CostRateLevel;

  @OptionalUuid()
  user_id?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only cost rates in effect on this day' })
  @IsOptional()
  @IsBillingDate()
  active_on?: string;
}
