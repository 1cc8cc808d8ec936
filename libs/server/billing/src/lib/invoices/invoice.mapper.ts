import type { InvoiceDto, InvoiceLineDto, InvoiceWithLinesDto } from '@clockwork/shared-dto';
import type { Invoice, InvoiceLine } from '@clockwork/shared-entities';

export function toInvoiceDto(i: Invoice): InvoiceDto {
  return {
    id: i.id,
    number: i.number,
    status: i.status,
    account_id: i.accountId,
    deal_id: i.dealId,
    customer_name: i.customerName,
    period_from: i.periodFrom,
    period_to: i.periodTo,
    invoice_date: i.invoiceDate,
    currency: i.currency,
    subtotal: i.subtotal,
    tax_rate_percent: i.taxRatePercent,
    tax_amount: i.taxAmount,
    total: i.total,
    notes: i.notes,
    exchange_rates: i.exchangeRates,
    issued_at: i.issuedAt ? i.issuedAt.toISOString() : null,
    paid_at: i.paidAt ? i.paidAt.toISOString() : null,
    voided_at: i.voidedAt ? i.voidedAt.toISOString() : null,
    void_reason: i.voidReason,
    version: i.version,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
  };
}

export function toInvoiceLineDto(l: InvoiceLine): InvoiceLineDto {
  return {
    id: l.id,
    position: l.position,
    description: l.description,
    deal_id: l.dealId,
    user_id: l.userId,
    seconds: Number(l.seconds),
    hours: l.hours,
    hourly_rate: l.hourlyRate,
    rate_currency: l.rateCurrency,
    rate_id: l.rateId,
    rate_level: l.rateLevel,
    exchange_rate: l.exchangeRate,
    exchange_rate_date: l.exchangeRateDate,
    amount: l.amount,
    time_entry_ids: l.timeEntryIds,
    kind: l.kind,
  };
}

export const withLines = (i: Invoice, lines: InvoiceLine[]): InvoiceWithLinesDto => ({ ...toInvoiceDto(i), lines: lines.map(toInvoiceLineDto) });

export const INVOICE_CSV_COLUMNS: (keyof InvoiceDto)[] = [
  'id', 'number', 'status', 'account_id', 'deal_id', 'customer_name', 'period_from', 'period_to', 'invoice_date', 'currency', 'subtotal', 'tax_rate_percent', 'tax_amount', 'total', 'issued_at', 'paid_at', 'voided_at', 'created_at',
];
