import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';
import { ACCOUNT, DEAL, foreignInvoice, makeLine, makePreview } from './invoices.fixtures';
import { lastMonth } from './NewInvoiceForm';

const unprocessable = { status: 422, body: { statusCode: 422, error: 'Unprocessable Entity', message: 'No stored exchange rate EUR->GBP on or before 2026-04-01; add one at /exchange-rates', details: [{ field: 'currency', errors: ['No stored exchange rate'] }] } };

async function openForm() {
  fireEvent.click(await screen.findByRole('button', { name: 'New invoice' }));
  const dialog = await screen.findByRole('dialog', { name: 'New invoice' });
  const account = within(dialog).getByRole('combobox', { name: 'Account' });
  fireEvent.focus(account);
  fireEvent.change(account, { target: { value: 'Glo' } });
  fireEvent.mouseDown(await within(dialog).findByRole('option', { name: 'Globex' }));
  fireEvent.change(within(dialog).getByLabelText('Period from'), { target: { value: '2026-03-01' } });
  fireEvent.change(within(dialog).getByLabelText('Period to'), { target: { value: '2026-03-31' } });
  fireEvent.change(within(dialog).getByLabelText('Tax %'), { target: { value: '10' } });
  fireEvent.change(within(dialog).getByLabelText('Invoice date'), { target: { value: '2026-04-01' } });
  return dialog;
}

const terms = { account_id: ACCOUNT.id, period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', invoice_date: '2026-04-01', tax_rate_percent: '10' };

describe('Invoices: a new invoice from its preview', () => {
  it('previews the lines, the entries behind each and the totals, then creates the draft with the same terms', async () => {
    const created = foreignInvoice({ id: 'new-1' });
    const api = mockApi({
      ...shellRoutes({ accounts: [ACCOUNT], deals: [DEAL] }),
      'GET /api/v1/invoices': page([]),
      'POST /api/v1/invoices/preview': { body: makePreview() },
      'POST /api/v1/invoices': { status: 201, body: created },
      'GET /api/v1/invoices/:id': { body: created },
    });
    signIn();
    renderApp('/invoices');
    const dialog = await openForm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));

    const heading = await within(dialog).findByRole('heading', { name: 'Preview: Globex, Mar 1, 2026 – Mar 31, 2026' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(api.callsTo('POST', '/api/v1/invoices/preview')[0].body).toEqual(terms);
    expect(api.callsTo('POST', '/api/v1/invoices')).toEqual([]);

    const table = within(dialog).getByRole('table', { name: 'Preview lines' });
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    const [, first, second, subtotal, tax, total] = within(table).getAllByRole('row');
    expect(cells(first).slice(1)).toEqual(['2.50', '150.00 USD/h', '—', '375.00 USD']);
    expect(cells(second).slice(1)).toEqual(['0.50', '100.00 EUR/h', '1.1', '55.00 USD']);
    // 2.5 h × 150 + 0.5 h × 100 × 1.1 = 430; 10 % tax = 43.
    expect([subtotal, tax, total].map((r) => r.textContent)).toEqual(['Subtotal430.00 USD', 'Tax 10%43.00 USD', 'Total473.00 USD']);
    expect(within(dialog).getByText('1 EUR = 1.1 USD (stored rate of Mar 15, 2026)')).toBeTruthy();

    const show = within(first).getByRole('button', { name: 'Show 2 time entries of Rollout — Ada Admin' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(show);
    const entries = within(first).getByRole('list', { name: 'Time entries of Rollout — Ada Admin' });
    expect(show.getAttribute('aria-controls')).toBe(entries.id);
    expect(within(entries).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Mar 2, 2026Task e11h 15m', 'Mar 3, 2026Task e21h 15m']);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    await waitFor(() => expect(currentLocation()).toBe('/invoices/new-1'));
    expect(api.callsTo('POST', '/api/v1/invoices')[0].body).toEqual(terms);
    expect(await screen.findByRole('heading', { name: 'Draft invoice for Globex', level: 1 })).toBeTruthy();
  }, 20_000);

  it("shows a retainer month's fee with its hours left and the overage line at the overage rate", async () => {
    // 10 h included for 1000.00, 12.5 h used: 2.5 h over at 150.00/h, computed here.
    const usedSeconds = 12.5 * 3600;
    const overSeconds = usedSeconds - 10 * 3600;
    const overCents = Math.round((overSeconds * 15000) / 3600);
    const money = (c: number) => (c / 100).toFixed(2);
    const grouped = (c: number) => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    const subtotal = 100000 + overCents;
    const base = makePreview();
    const retainerLine = { ...makeLine({ description: 'Rollout — Retainer 2026-03 (10.00 h included, 0.00 h rolled over, 12.50 h used, 0.00 h left)', user_id: null, seconds: usedSeconds, hours: '12.50', hourly_rate: '1000.00', rate_level: 'retainer', amount: '1000.00', time_entry_ids: ['e1'], kind: 'retainer' }), entries: [base.lines[0].entries[0]] };
    const overageLine = { ...makeLine({ position: 2, description: 'Rollout — Overage 2026-03', user_id: null, seconds: overSeconds, hours: (overSeconds / 3600).toFixed(2), hourly_rate: '150.00', rate_level: 'overage', amount: money(overCents), time_entry_ids: [], kind: 'overage' }), entries: [] };
    const preview = { ...base, exchange_rates: [], subtotal: money(subtotal), tax_rate_percent: '0.00', tax_amount: '0.00', total: money(subtotal), lines: [retainerLine, overageLine].map(({ id: _id, ...l }) => l) };
    mockApi({ ...shellRoutes({ accounts: [ACCOUNT], deals: [DEAL] }), 'GET /api/v1/invoices': page([]), 'POST /api/v1/invoices/preview': { body: preview } });
    signIn();
    renderApp('/invoices');
    const dialog = await openForm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const table = await within(dialog).findByRole('table', { name: 'Preview lines' });
    const [, fee, overage, total] = within(table).getAllByRole('row');
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(within(fee).getByText(/12\.50 h used, 0\.00 h left\)$/)).toBeTruthy();
    expect(within(fee).getByText('Retainer fee for the month')).toBeTruthy();
    expect(cells(fee).slice(1)).toEqual(['12.50', 'Flat fee', '1,000.00 USD']);
    expect(within(overage).getByText('Overage: hours beyond the retainer at the overage rate')).toBeTruthy();
    expect(within(overage).queryByRole('button')).toBeNull(); // no "Show 0 time entries"
    expect(cells(overage).slice(1)).toEqual([(overSeconds / 3600).toFixed(2), '150.00 USD/h', `${grouped(overCents)} USD`]);
    expect(total.textContent).toBe(`Subtotal${grouped(subtotal)} USD`);
  }, 20_000);

  it('drops the preview when a term changes, and shows the 422 of a preview naming what is missing', async () => {
    const api = mockApi({
      ...shellRoutes({ accounts: [ACCOUNT] }),
      'GET /api/v1/invoices': page([]),
      'POST /api/v1/invoices/preview': (call) => ((call.body as { currency: string }).currency === 'GBP' ? unprocessable : { body: makePreview() }),
    });
    signIn();
    renderApp('/invoices');
    const dialog = await openForm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await within(dialog).findByRole('table', { name: 'Preview lines' });

    fireEvent.change(within(dialog).getByLabelText('Currency'), { target: { value: 'gbp' } });
    expect(within(dialog).queryByRole('table', { name: 'Preview lines' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Create draft' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('No stored exchange rate EUR->GBP');
    expect(within(dialog).getByLabelText('Currency').getAttribute('aria-invalid')).toBe('true');
    expect((api.callsTo('POST', '/api/v1/invoices/preview')[1].body as { currency: string }).currency).toBe('GBP');
  }, 20_000);

  it('asks for the account before calling the api, and defaults the period to last month', async () => {
    const api = mockApi({ ...shellRoutes({ accounts: [ACCOUNT] }), 'GET /api/v1/invoices': page([]) });
    signIn();
    renderApp('/invoices');
    fireEvent.click(await screen.findByRole('button', { name: 'New invoice' }));
    const dialog = await screen.findByRole('dialog', { name: 'New invoice' });
    expect(lastMonth(new Date('2026-03-10T00:00:00Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(lastMonth(new Date('2026-01-31T23:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect((within(dialog).getByLabelText('Period from') as HTMLInputElement).value).toBe(lastMonth().from);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(await within(dialog).findByText('Choose an account to bill')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/invoices/preview')).toEqual([]);
  });
});
