import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DecimalToString, EXCHANGE_RATE, IsBillingDate, IsCurrencyCode } from './billing-fields';
import { PageOf, PageQueryDto } from './page.dto';

/** 1 `base_currency` = `rate` `quote_currency` on `rate_date`. */
export class ExchangeRateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'USD' }) base_currency: string;
  @ApiProperty({ example: 'EUR' }) quote_currency: string;
  @ApiProperty({ example: '0.9215000000', description: 'Decimal string, 10 decimals' }) rate: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) rate_date: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ExchangeRatePageDto extends PageOf(ExchangeRateDto) {}

/** POST body; one rate per pair and date (409 for a second). */
export class CreateExchangeRateDto {
  @ApiProperty({ example: 'USD' })
  @IsCurrencyCode('base_currency')
  base_currency: string;

  @ApiProperty({ example: 'EUR' })
  @IsCurrencyCode('quote_currency')
  quote_currency: string;

  @ApiProperty({ example: '0.9215', description: 'Units of quote_currency per 1 base_currency; at most 10 decimals' })
  @DecimalToString()
  @Matches(EXCHANGE_RATE, { message: 'rate must be a positive decimal with at most 10 decimals, e.g. 0.9215' })
  rate: string;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsBillingDate()
  rate_date: string;
}

export class ExchangeRateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsCurrencyCode('base_currency')
  base_currency?: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsCurrencyCode('quote_currency')
  quote_currency?: string;
}
