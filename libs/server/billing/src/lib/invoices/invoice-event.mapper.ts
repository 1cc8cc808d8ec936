import { DEFAULT_DUE_DAYS, InvoiceCustomer, InvoiceEventPayload, InvoiceWithLinesDto } from '@clockwork/shared-dto';
import { lineTaxes } from '../accounting-export/line-tax.rules';

export const dueDateOf = (invoiceDate: string, days = DEFAULT_DUE_DAYS) => new Date(Date.parse(`${invoiceDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** `invoice.issued` / `invoice.paid`: the invoice, its due date, its customer and each line's share of the tax. */
export function invoiceEventPayload(invoice: InvoiceWithLinesDto, customer: InvoiceCustomer): InvoiceEventPayload {
  const taxes = lineTaxes(invoice.lines.map((l) => l.amount), invoice.tax_amount);
  return { ...invoice, due_date: dueDateOf(invoice.invoice_date), customer, lines: invoice.lines.map((l, i) => ({ ...l, tax_amount: taxes[i] })) };
}
