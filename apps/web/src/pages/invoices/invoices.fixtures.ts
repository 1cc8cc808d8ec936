import type { InvoiceDto, InvoiceLineDto, InvoicePreviewDto, InvoiceWithLinesDto } from '@clockwork/api-client';

/** Invoices as the api returns them, for the component tests of this section. */

export const ACCOUNT = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Globex' };
export const DEAL = { id: '00000000-0000-4000-8000-0000000000d1', name: 'Rollout', account_id: ACCOUNT.id };

export function makeInvoice(overrides: Partial<InvoiceDto> = {}): InvoiceDto {
  return {
    id: '00000000-0000-4000-8000-00000000f001',
    number: null,
    status: 'draft',
    account_id: ACCOUNT.id,
    deal_id: null,
    customer_name: ACCOUNT.name,
    period_from: '2026-03-01',
    period_to: '2026-03-31',
    invoice_date: '2026-04-01',
    currency: 'USD',
    subtotal: '430.00',
    tax_rate_percent: '10.00',
    tax_amount: '43.00',
    total: '473.00',
    notes: null,
    exchange_rates: [],
    issued_at: null,
    paid_at: null,
    voided_at: null,
    void_reason: null,
    version: 1,
    created_at: '2026-04-01T10:00:00.000Z',
    updated_at: '2026-04-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeLine(overrides: Partial<InvoiceLineDto> = {}): InvoiceLineDto {
  return {
    id: '00000000-0000-4000-8000-00000000e001',
    position: 1,
    description: 'Rollout — Ada Admin',
    deal_id: DEAL.id,
    user_id: '00000000-0000-4000-8000-000000000001',
    seconds: 9000,
    hours: '2.50',
    hourly_rate: '150.00',
    rate_currency: 'USD',
    rate_id: '00000000-0000-4000-8000-00000000c001',
    rate_level: 'organization',
    exchange_rate: '1.0000000000',
    exchange_rate_date: null,
    amount: '375.00',
    time_entry_ids: ['e1', 'e2'],
    kind: 'time',
    ...overrides,
  };
}

/** A USD invoice of 2.5 h at 150 USD and 0.5 h at 100 EUR (1 EUR = 1.1 USD), 10 % tax. */
export function foreignInvoice(overrides: Partial<InvoiceDto> = {}): InvoiceWithLinesDto {
  return {
    ...makeInvoice({ exchange_rates: [{ base_currency: 'EUR', quote_currency: 'USD', rate: '1.1000000000', rate_date: '2026-03-15' }], ...overrides }),
    lines: [
      makeLine(),
      makeLine({ id: 'l2', position: 2, description: 'Support — Ada Admin', seconds: 1800, hours: '0.50', hourly_rate: '100.00', rate_currency: 'EUR', exchange_rate: '1.1000000000', exchange_rate_date: '2026-03-15', amount: '55.00', time_entry_ids: ['e3'] }),
    ],
  };
}

export function makePreview(): InvoicePreviewDto {
  const invoice = foreignInvoice();
  return {
    account_id: invoice.account_id,
    deal_id: null,
    customer_name: invoice.customer_name,
    period_from: invoice.period_from,
    period_to: invoice.period_to,
    invoice_date: invoice.invoice_date,
    currency: 'USD',
    subtotal: invoice.subtotal,
    tax_rate_percent: invoice.tax_rate_percent,
    tax_amount: invoice.tax_amount,
    total: invoice.total,
    notes: null,
    exchange_rates: invoice.exchange_rates,
    lines: invoice.lines.map(({ id: _id, ...line }) => ({
      ...line,
      entries: line.time_entry_ids.map((id, i) => ({ id, date: `2026-03-0${i + 2}`, start_time: `2026-03-0${i + 2}T09:00:00.000Z`, description: `Task ${id}`, seconds: line.seconds / line.time_entry_ids.length })),
    })),
  };
}
