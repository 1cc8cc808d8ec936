import { sendCsv } from '@clockwork/server-core';
import type { InvoiceWithLinesDto } from '@clockwork/shared-dto';
import type { Response } from 'express';

export const INVOICE_LINE_CSV_COLUMNS = [
  'invoice_number', 'position', 'description', 'deal_id', 'user_id', 'seconds', 'hours', 'hourly_rate', 'rate_currency', 'exchange_rate', 'exchange_rate_date', 'amount', 'currency',
];

/** One row per line, then Subtotal, Tax and Total rows (amount column), in the invoice currency. */
export function invoiceCsvRows(invoice: InvoiceWithLinesDto): Record<string, unknown>[] {
  const number = invoice.number ?? `draft ${invoice.id}`;
  const summary = (description: string, amount: string) => ({ invoice_number: number, description, amount, currency: invoice.currency });
  return [
    ...invoice.lines.map((l) => ({ invoice_number: number, ...l, currency: invoice.currency })),
    summary('Subtotal', invoice.subtotal),
    summary(`Tax ${invoice.tax_rate_percent}%`, invoice.tax_amount),
    summary('Total', invoice.total),
  ];
}

export function sendInvoiceCsv(res: Response, invoice: InvoiceWithLinesDto): Promise<void> {
  const rows = invoiceCsvRows(invoice);
  const pages = (async function* () {
    yield rows;
  })();
  return sendCsv(res, `${invoice.number ?? `invoice-${invoice.id}`}.csv`, INVOICE_LINE_CSV_COLUMNS, pages);
}
