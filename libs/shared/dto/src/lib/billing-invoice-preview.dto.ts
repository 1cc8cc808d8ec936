import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';
import { InvoiceDto, InvoiceLineDto } from './billing-invoices.dto';

/** One time entry behind a previewed line. */
export class InvoicePreviewEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', description: 'UTC day of the start (the day its rate is taken on)' }) date: string;
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty({ example: 'Website relaunch', description: "The entry's task title, else its project name, else its activity type" }) description: string;
  @ApiProperty() seconds: number;
}

/** A line as `POST /invoices` would write it (no id yet), with the entries behind it. */
export class InvoicePreviewLineDto extends OmitType(InvoiceLineDto, ['id'] as const) {
  @ApiProperty({ type: [InvoicePreviewEntryDto], description: 'The entries of time_entry_ids, in the same order' }) entries: InvoicePreviewEntryDto[];
}

/** What `POST /invoices` with the same body would create now (no id, number or state yet); nothing is stored. */
export class InvoicePreviewDto extends PickType(InvoiceDto, [
  'account_id', 'deal_id', 'customer_name', 'period_from', 'period_to', 'invoice_date', 'currency', 'subtotal', 'tax_rate_percent', 'tax_amount', 'total', 'notes', 'exchange_rates',
] as const) {
  @ApiProperty({ type: [InvoicePreviewLineDto] }) lines: InvoicePreviewLineDto[];
}
