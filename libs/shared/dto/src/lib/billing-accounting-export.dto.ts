import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsBillingDate } from './billing-fields';

export const ACCOUNTING_EXPORT_FORMATS = ['xero', 'quickbooks', 'generic'] as const;
export type AccountingExportFormat = (typeof ACCOUNTING_EXPORT_FORMATS)[number];

/** How one issued or paid invoice is written for an accounting system (docs/accounting-exports.md). */
export class InvoiceExportQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNTING_EXPORT_FORMATS, default: 'generic', description: 'xero: Xero sales invoice import; quickbooks: QuickBooks Online invoice import; generic: every field of the invoice and its lines' })
  @IsOptional()
  @IsIn([...ACCOUNTING_EXPORT_FORMATS], { message: 'format must be one of xero, quickbooks, generic' })
  format?: AccountingExportFormat;

  @ApiPropertyOptional({ description: 'Revenue account code of every line (Xero AccountCode); default 200, Xero\'s default Sales account', example: '200' })
  @IsOptional()
  @IsString({ message: 'account_code must be text' })
  @MaxLength(20, { message: 'account_code must be at most 20 characters' })
  account_code?: string;

  @ApiPropertyOptional({ description: 'Tax rate name of every line as the accounting system knows it (Xero TaxType, QuickBooks ItemTaxCode); default by the invoice tax: Xero "Tax on Sales" / "Tax Exempt", QuickBooks TAX / NON' })
  @IsOptional()
  @IsString({ message: 'tax_type must be text' })
  @MaxLength(100, { message: 'tax_type must be at most 100 characters' })
  tax_type?: string;

  @ApiPropertyOptional({ description: 'Days from the invoice date to the due date (payment terms); default 30', minimum: 0, maximum: 365, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'due_days must be a whole number of days' })
  @Min(0, { message: 'due_days must be 0 or more' })
  @Max(365, { message: 'due_days must be at most 365' })
  due_days?: number;
}

/** The issued and paid invoices dated within [from, to], in one file. */
export class InvoicePeriodExportQueryDto extends InvoiceExportQueryDto {
  @ApiProperty({ format: 'date', description: 'Invoices dated on or after' })
  @IsBillingDate()
  from: string;

  @ApiProperty({ format: 'date', description: 'Invoices dated on or before' })
  @IsBillingDate('from')
  to: string;
}
