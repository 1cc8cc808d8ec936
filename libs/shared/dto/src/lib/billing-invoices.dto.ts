import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DecimalToString, IsBillingDate, IsCurrencyCode, TAX_PERCENT } from './billing-fields';
import { PageOf, PageQueryDto } from './page.dto';
import { TrimToNull, OptionalUuid, OptionalOneOf } from './validation';

export const INVOICE_STATUS_VALUES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceStatusValue = (typeof INVOICE_STATUS_VALUES)[number];

export class UsedExchangeRateDto {
  @ApiProperty({ example: 'USD' }) base_currency: string;
  @ApiProperty({ example: 'EUR' }) quote_currency: string;
  @ApiProperty({ example: '0.9215000000' }) rate: string;
  @ApiProperty({ format: 'date' }) rate_date: string;
}

export class InvoiceLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty({ example: 'Website relaunch — Ada Lovelace' }) description: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ description: 'Tracked seconds behind the line' }) seconds: number;
  @ApiProperty({ example: '12.50', description: 'seconds / 3600, 2 decimals (for display; the amount uses the seconds)' }) hours: string;
  @ApiProperty({ example: '120.00' }) hourly_rate: string;
  @ApiProperty({ example: 'EUR' }) rate_currency: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) rate_id: string | null;
  @ApiProperty({ example: 'deal' }) rate_level: string;
  @ApiProperty({ example: '1.0000000000', description: 'rate_currency -> invoice currency; 1 when they are the same' }) exchange_rate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) exchange_rate_date: string | null;
  @ApiProperty({ example: '1500.00', description: 'In the invoice currency' }) amount: string;
  @ApiProperty({ type: [String], description: 'The time entries billed on this line' }) time_entry_ids: string[];
  @ApiProperty({ enum: ['time', 'milestone', 'retainer', 'overage'], description: 'time: hours at a rate; milestone, retainer, overage: the deal\'s billing model (docs/billing-models.md)' })
  kind: 'time' | 'milestone' | 'retainer' | 'overage';
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'INV-2026-0001', description: 'Assigned when issued; gapless per organization and year' })
  number: string | null;
  @ApiProperty({ enum: INVOICE_STATUS_VALUES }) status: InvoiceStatusValue;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty() customer_name: string;
  @ApiProperty({ format: 'date' }) period_from: string;
  @ApiProperty({ format: 'date' }) period_to: string;
  @ApiProperty({ format: 'date', description: 'Exchange rates are taken as of this day' }) invoice_date: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1500.00' }) subtotal: string;
  @ApiProperty({ example: '19.00' }) tax_rate_percent: string;
  @ApiProperty({ example: '285.00' }) tax_amount: string;
  @ApiProperty({ example: '1785.00' }) total: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [UsedExchangeRateDto], description: 'The stored exchange rates the lines were converted with' }) exchange_rates: UsedExchangeRateDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) issued_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paid_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) voided_at: string | null;
  @ApiProperty({ nullable: true, type: String }) void_reason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class InvoiceWithLinesDto extends InvoiceDto {
  @ApiProperty({ type: [InvoiceLineDto] }) lines: InvoiceLineDto[];
}

export class InvoicePageDto extends PageOf(InvoiceDto) {}

/**
 * POST body: a draft from the billable, mapped, not yet invoiced time entries of one account
 * or deal whose start (UTC day) falls in the period.
 */
export class CreateInvoiceDto {
  @OptionalUuid({ description: 'Bill this account (give account_id or deal_id)' })
  account_id?: string;

  @OptionalUuid({ description: 'Bill this deal (give account_id or deal_id)' })
  deal_id?: string;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsBillingDate()
  period_from: string;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsBillingDate('period_from')
  period_to: string;

  @ApiProperty({ example: 'EUR', description: 'Lines in other currencies convert with the stored rate of the invoice date' })
  @IsCurrencyCode('currency')
  currency: string;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today (UTC)' })
  @IsOptional()
  @IsBillingDate()
  invoice_date?: string;

  @ApiPropertyOptional({ example: '19', description: 'Percent of the subtotal, 0..100, at most 2 decimals; default 0' })
  @IsOptional()
  @DecimalToString()
  @Matches(TAX_PERCENT, { message: 'tax_rate_percent must be a number from 0 to 100 with at most 2 decimals' })
  tax_rate_percent?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @TrimToNull()
  @IsString({ message: 'notes must be text' })
  @MaxLength(4000)
  notes?: string | null;
}

export class InvoiceQueryDto extends PageQueryDto {
  @OptionalOneOf(INVOICE_STATUS_VALUES)
  status?: InvoiceStatusValue;

  @OptionalUuid()
  account_id?: string;

  @OptionalUuid({ description: 'Invoices of this deal' })
  deal_id?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Invoices dated on or after' })
  @IsOptional()
  @IsBillingDate()
  date_from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Invoices dated on or before' })
  @IsOptional()
  @IsBillingDate('date_from')
  date_to?: string;
}

export class InvoiceFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'pdf'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'pdf'], { message: 'format must be one of json, csv, pdf' })
  format?: 'json' | 'csv' | 'pdf';
}

export class PayInvoiceDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'When the payment arrived; default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'paid_at must be an ISO-8601 date-time' })
  paid_at?: string;
}

export class VoidInvoiceDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @TrimToNull()
  @IsString({ message: 'reason must be text' })
  @MaxLength(1000)
  reason?: string | null;
}
