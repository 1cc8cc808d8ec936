import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';
import { foreignInvoice } from './invoices.fixtures';

const ID = '00000000-0000-4000-8000-00000000f001';
const issued = foreignInvoice({ status: 'issued', number: 'INV-2026-0001', issued_at: '2026-04-02T08:00:00.000Z' });
const names: string[] = [];

describe('Invoices: accounting exports', () => {
  beforeEach(() => {
    names.length = 0;
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:export'), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('exports an issued invoice for Xero, QuickBooks and as CSV through the api', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/invoices/:id': { body: issued }, 'GET /api/v1/invoices/:id/export': (call) => ({ body: `exported,${call.query.format}\n` }) });
    signIn();
    renderApp(`/invoices/${ID}`);
    const group = await screen.findByRole('group', { name: 'Export for accounting' });
    for (const label of ['Xero', 'QuickBooks', 'CSV (all fields)']) {
      fireEvent.click(within(group).getByRole('button', { name: `Export for ${label}` }));
      await waitFor(() => expect(within(group).getByRole('button', { name: `Export for ${label}` }).hasAttribute('disabled')).toBe(false));
    }
    await waitFor(() => expect(names).toEqual(['INV-2026-0001-xero.csv', 'INV-2026-0001-quickbooks.csv', 'INV-2026-0001-generic.csv']));
    const calls = api.callsTo('GET', `/api/v1/invoices/${ID}/export`);
    expect(calls.map((c) => [c.query.format, c.headers.get('Authorization')])).toEqual([
      ['xero', 'Bearer access-1'],
      ['quickbooks', 'Bearer access-1'],
      ['generic', 'Bearer access-1'],
    ]);
  }, 20_000);

  it('offers no accounting export for a draft', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/invoices/:id': { body: foreignInvoice() } });
    signIn();
    renderApp(`/invoices/${ID}`);
    await screen.findByRole('button', { name: 'Issue invoice' });
    expect(screen.queryByRole('group', { name: 'Export for accounting' })).toBeNull();
  }, 20_000);

  it('shows the error of a failed export in a toast', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/invoices/:id': { body: issued },
      'GET /api/v1/invoices/:id/export': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The invoice is void; only issued or paid invoices are exported to accounting' } },
    });
    signIn();
    renderApp(`/invoices/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Export for Xero' }));
    expect(await screen.findByText('Could not export for Xero: The invoice is void; only issued or paid invoices are exported to accounting')).toBeTruthy();
    expect(names).toEqual([]);
  }, 20_000);

  it('exports a period from the list in the chosen format, and shows the api\'s field error', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/invoices': page([issued]),
      'GET /api/v1/invoices/export': (call) =>
        call.query.to < call.query.from
          ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed: to must be on or after from', details: [{ field: 'to', errors: ['to must be on or after from'] }] } }
          : { body: 'InvoiceNo\n' },
    });
    signIn();
    renderApp('/invoices');
    fireEvent.click(await screen.findByRole('button', { name: 'Export period' }));
    const dialog = screen.getByRole('dialog', { name: 'Export a period for accounting' });
    fireEvent.change(within(dialog).getByLabelText('Format'), { target: { value: 'quickbooks' } });
    fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: '2026-04-30' } });
    fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: '2026-04-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Download' }));
    expect(await within(dialog).findByText('to must be on or after from')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: '2026-05-31' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(names).toEqual(['invoices-2026-04-30-2026-05-31-quickbooks.csv']);
    expect(api.callsTo('GET', '/api/v1/invoices/export').map((c) => c.query)).toEqual([
      { format: 'quickbooks', from: '2026-04-30', to: '2026-04-01' },
      { format: 'quickbooks', from: '2026-04-30', to: '2026-05-31' },
    ]);
  }, 20_000);
});
