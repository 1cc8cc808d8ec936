import { ApiProperty } from '@nestjs/swagger';
import { UsedExchangeRateDto } from './billing-invoices.dto';

/** One time entry behind a previewed line. */
export class InvoicePreviewEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', description: 'UTC day of the start (the day its rate is taken on)' }) date: string;
  @ApiProperty({ format: 'date-time' }) start_time: string;
  @ApiProperty({ example: 'Website relaunch', description: "The entry's task title, else its project name, else its activity type" }) description: string;
  @ApiProperty() seconds: number;
}

/** A line as `POST /invoices` would write it (no id yet), with the entries behind it. */
export class InvoicePreviewLineDto {
  @ApiProperty() position: number;
  @ApiProperty({ example: 'Website relaunch — Ada Lovelace' }) description: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ description: 'Tracked seconds behind the line' }) seconds: number;
  @ApiProperty({ example: '12.50' }) hours: string;
  @ApiProperty({ example: '120.00' }) hourly_rate: string;
  @ApiProperty({ example: 'EUR' }) rate_currency: string;
  @ApiProperty({ format: 'uuid' }) rate_id: string;
  @ApiProperty({ example: 'deal' }) rate_level: string;
  @ApiProperty({ example: '1', description: 'rate_currency -> invoice currency; 1 when they are the same' }) exchange_rate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) exchange_rate_date: string | null;
  @ApiProperty({ example: '1500.00', description: 'In the invoice currency' }) amount: string;
  @ApiProperty({ type: [String] }) time_entry_ids: string[];
  @ApiProperty({ type: [InvoicePreviewEntryDto], description: 'The entries of time_entry_ids, in the same order' }) entries: InvoicePreviewEntryDto[];
}

/** What `POST /invoices` with the same body would create now; nothing is stored. */
export class InvoicePreviewDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty() customer_name: string;
  @ApiProperty({ format: 'date' }) period_from: string;
  @ApiProperty({ format: 'date' }) period_to: string;
  @ApiProperty({ format: 'date' }) invoice_date: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1500.00' }) subtotal: string;
  @ApiProperty({ example: '19' }) tax_rate_percent: string;
  @ApiProperty({ example: '285.00' }) tax_amount: string;
  @ApiProperty({ example: '1785.00' }) total: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [UsedExchangeRateDto] }) exchange_rates: UsedExchangeRateDto[];
  @ApiProperty({ type: [InvoicePreviewLineDto] }) lines: InvoicePreviewLineDto[];
}
