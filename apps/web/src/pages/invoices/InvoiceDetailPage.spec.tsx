import type { InvoiceWithLinesDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Call } from '../../testing/mock-api';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';
import { foreignInvoice } from './invoices.fixtures';

const ID = '00000000-0000-4000-8000-00000000f001';
const PATH = `/api/v1/invoices/${ID}`;

/** The invoice's routes, answering each action with the invoice in its next state. */
function invoiceRoutes(start: InvoiceWithLinesDto) {
  let current = start;
  const move = (next: Partial<InvoiceWithLinesDto>) => () => {
    current = { ...current, ...next, version: current.version + 1 };
    return { body: current };
  };
  return {
    ...shellRoutes(),
    'GET /api/v1/invoices': page([]),
    'GET /api/v1/invoices/:id': (call: Call) => (call.query.format ? { body: `%PDF-1.3 ${call.query.format}` } : { body: current }),
    'POST /api/v1/invoices/:id/issue': move({ status: 'issued', number: 'INV-2026-0001', issued_at: '2026-04-02T08:00:00.000Z' }),
    'POST /api/v1/invoices/:id/pay': (call: Call) => move({ status: 'paid', paid_at: (call.body as { paid_at: string }).paid_at })(),
    'POST /api/v1/invoices/:id/void': (call: Call) => move({ status: 'void', voided_at: '2026-04-03T08:00:00.000Z', void_reason: (call.body as { reason: string | null }).reason })(),
    'DELETE /api/v1/invoices/:id': { status: 204 },
  };
}

describe('Invoices: the detail page and its actions', () => {
  it('shows the header, lines, totals and the exchange rate of a foreign-currency invoice, and issues a draft', async () => {
    const api = mockApi(invoiceRoutes(foreignInvoice({ notes: 'Thanks' })));
    signIn();
    renderApp(`/invoices/${ID}`);
    expect(await screen.findByRole('heading', { name: 'Draft invoice for Globex', level: 1 })).toBeTruthy();
    const lines = screen.getByRole('table', { name: 'Invoice lines' });
    // Wider than a phone and with nothing focusable inside: its scroll box takes the focus itself (axe scrollable-region-focusable).
    const box = screen.getByRole('region', { name: 'Invoice lines' });
    expect(box.contains(lines)).toBe(true);
    expect(box.tabIndex).toBe(0);
    // Independent arithmetic: 2.5 h × 150 = 375.00; 0.5 h × 100 EUR × 1.1 = 55.00; subtotal 430.00, tax 10 % = 43.00.
    const rows = within(lines).getAllByRole('row').map((r) => r.textContent);
    expect(rows.slice(1)).toEqual([
      'Rollout — Ada Admin2.50150.00 USD/h—375.00 USD',
      'Support — Ada Admin0.50100.00 EUR/h1.155.00 USD',
      'Subtotal430.00 USD',
      'Tax 10%43.00 USD',
      'Total473.00 USD',
    ]);
    expect(screen.getByText('1 EUR = 1.1 USD (stored rate of Mar 15, 2026)')).toBeTruthy();
    expect(screen.getByText('Thanks')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark paid' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Issue invoice' }));
    expect(await screen.findByRole('heading', { name: 'Invoice INV-2026-0001', level: 1 })).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Issued, total 473.00 USD'));
    expect(api.callsTo('POST', `${PATH}/issue`)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Issue invoice' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete draft' })).toBeNull();
  }, 20_000);

  it('marks an issued invoice paid on the chosen day', async () => {
    const api = mockApi(invoiceRoutes(foreignInvoice({ status: 'issued', number: 'INV-2026-0001', issued_at: '2026-04-02T08:00:00.000Z' })));
    signIn();
    renderApp(`/invoices/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Mark paid' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark the invoice paid' });
    fireEvent.change(within(dialog).getByLabelText('Paid on'), { target: { value: '2026-04-20' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark paid' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('POST', `${PATH}/pay`)[0].body).toEqual({ paid_at: '2026-04-20T12:00:00.000Z' });
    expect(await screen.findByText('Apr 20, 2026')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Void' })).toBeNull();
  }, 20_000);

  it('voids only after the confirmation, with the reason; cancelling gives the focus back to "Void"', async () => {
    const api = mockApi(invoiceRoutes(foreignInvoice({ status: 'issued', number: 'INV-2026-0001' })));
    signIn();
    renderApp(`/invoices/${ID}`);
    const opener = await screen.findByRole('button', { name: 'Void' });
    opener.focus();
    fireEvent.click(opener);
    let dialog = screen.getByRole('dialog', { name: 'Void this invoice?' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Reason'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(opener));
    expect(api.callsTo('POST', `${PATH}/void`)).toEqual([]);

    fireEvent.click(opener);
    dialog = screen.getByRole('dialog', { name: 'Void this invoice?' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Billed twice' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Void invoice' }));
    expect(await screen.findByText('Billed twice')).toBeTruthy();
    expect(api.callsTo('POST', `${PATH}/void`)[0].body).toEqual({ reason: 'Billed twice' });
    expect(screen.getByText('Void, total 473.00 USD').getAttribute('role')).toBe('status');
  }, 20_000);

  it('deletes a draft after confirming and goes back to the list', async () => {
    const api = mockApi(invoiceRoutes(foreignInvoice()));
    signIn();
    renderApp(`/invoices/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete draft' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Delete this draft?' })).getByRole('button', { name: 'Delete draft' }));
    await waitFor(() => expect(currentLocation()).toBe('/invoices'));
    expect(api.callsTo('DELETE', PATH)).toHaveLength(1);
  }, 20_000);

  it('downloads the PDF and the CSV through the api with the bearer token', async () => {
    const api = mockApi(invoiceRoutes(foreignInvoice({ status: 'issued', number: 'INV-2026-0001' })));
    const createObjectURL = vi.fn(() => 'blob:invoice');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    signIn();
    renderApp(`/invoices/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(names).toEqual(['INV-2026-0001.pdf']));
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(names).toEqual(['INV-2026-0001.pdf', 'INV-2026-0001.csv']));
    const downloads = api.callsTo('GET', PATH).filter((c) => c.query.format);
    expect(downloads.map((c) => [c.query.format, c.headers.get('Authorization')])).toEqual([
      ['pdf', 'Bearer access-1'],
      ['csv', 'Bearer access-1'],
    ]);
    click.mockRestore();
  }, 20_000);

  it('shows an error with a retry when the invoice cannot be loaded', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/invoices/:id': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Invoice not found' } } });
    signIn();
    renderApp(`/invoices/${ID}`);
    expect(await screen.findByText('Could not load this invoice')).toBeTruthy();
    expect(screen.getByText('Invoice not found')).toBeTruthy();
  });
});
