import type { InvoiceLineDto, InvoiceWithLinesDto } from './billing-invoices.dto';

/** Days from the invoice date to the due date when nothing else is said (exports and events). */
export const DEFAULT_DUE_DAYS = 30;

/** The billed customer as an accounting system creates its contact: the account (or, for a deal without one, the deal's name). */
export interface InvoiceCustomer {
  account_id: string | null;
  name: string;
  address: string | null;
  phone: string | null;
  website: string | null;
}

/**
 * `invoice.issued` and `invoice.paid`: the invoice with its lines, plus what a billing system
 * needs to create it itself: the due date (DEFAULT_DUE_DAYS after the invoice date), the
 * customer, and each line's share of the tax (the shares add up to `tax_amount`).
 */
export type InvoiceEventPayload = Omit<InvoiceWithLinesDto, 'lines'> & {
  due_date: string;
  customer: InvoiceCustomer;
  lines: (InvoiceLineDto & { tax_amount: string })[];
};
