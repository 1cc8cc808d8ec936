import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';
import { ACCOUNT, DEAL, makeInvoice } from './invoices.fixtures';

const issued = makeInvoice({ id: 'i2', number: 'INV-2026-0007', status: 'issued', total: '12345.60', currency: 'EUR', customer_name: 'Initech' });

describe('Invoices: the list', () => {
  it('lists status, number, customer, period, total and currency, linking each to its page', async () => {
    mockApi({ ...shellRoutes({ accounts: [ACCOUNT], deals: [DEAL] }), 'GET /api/v1/invoices': page([makeInvoice(), issued]), 'GET /api/v1/invoices/:id': { body: { ...issued, lines: [] } } });
    signIn();
    renderApp('/invoices');
    const table = await screen.findByRole('table', { name: 'Invoices' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['Draft', 'Draft', 'Globex', 'Mar 1, 2026 – Mar 31, 2026', '473.00', 'USD'],
      ['INV-2026-0007', 'Issued', 'Initech', 'Mar 1, 2026 – Mar 31, 2026', '12,345.60', 'EUR'],
    ]);
    fireEvent.click(within(table).getByRole('link', { name: 'Invoice INV-2026-0007' }));
    await waitFor(() => expect(currentLocation()).toBe('/invoices/i2'));
    expect(await screen.findByRole('heading', { name: 'Invoice INV-2026-0007', level: 1 })).toBeTruthy();
  });

  it('filters by status, account and deal through the URL and the api', async () => {
    const api = mockApi({ ...shellRoutes({ accounts: [ACCOUNT], deals: [DEAL] }), 'GET /api/v1/invoices': (call) => page(call.query.status === 'issued' ? [issued] : [makeInvoice(), issued]) });
    signIn();
    renderApp('/invoices');
    await screen.findByRole('table', { name: 'Invoices' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'issued' } });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    await within(screen.getByRole('combobox', { name: 'Deal' })).findByRole('option', { name: 'Rollout' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Deal' }), { target: { value: DEAL.id } });
    await waitFor(() => expect(currentLocation()).toBe(`/invoices?status=issued&deal_id=${DEAL.id}`));
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/invoices').some((c) => c.query.status === 'issued' && c.query.deal_id === DEAL.id)).toBe(true));
  });

  it('shows the empty state with "New invoice", and an error with a retry', async () => {
    let fail = true;
    mockApi({ ...shellRoutes(), 'GET /api/v1/invoices': () => (fail ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } } : page([])) });
    signIn();
    renderApp('/invoices');
    expect(await screen.findByText('Database unavailable')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: /try again|retry/i }));
    expect(await screen.findByText('No invoices yet')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'New invoice' })).toHaveLength(2);
  });

  it('exports the filtered list as CSV through the api', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/invoices': (call) => (call.query.format === 'csv' ? { body: 'id,number\n' } : page([issued])) });
    const createObjectURL = vi.fn(() => 'blob:invoices');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    signIn();
    renderApp('/invoices?status=issued');
    await screen.findByRole('table', { name: 'Invoices' });
    fireEvent.click(screen.getByRole('button', { name: 'Export the listed invoices as CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const csv = api.callsTo('GET', '/api/v1/invoices').find((c) => c.query.format === 'csv');
    expect(csv?.query).toEqual({ format: 'csv', status: 'issued' });
    expect(csv?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });

  it('is in the navigation of managers; sales neither see it nor may open it', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/invoices': page([]) });
    signIn(makeUser('manager'));
    const { unmount } = renderApp('/invoices');
    expect(await screen.findByRole('heading', { name: 'Invoices', level: 1 })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /^Invoices/ }).length).toBeGreaterThan(0);
    unmount();

    const api = mockApi({ ...shellRoutes() });
    signIn(makeUser('sales'));
    renderApp('/invoices');
    expect(await screen.findByText('This page is not available to your role')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /^Invoices/ })).toBeNull();
    expect(api.callsTo('GET', '/api/v1/invoices')).toEqual([]);
  });
});
