import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, NO_REPORT_FILTERS, reportsPageRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp, renderWithProviders } from '../../testing/render';
import { LiveMarginCard } from './LiveMarginCard';

const money = (billable: string, cost: string, invoiced = '0.00') => {
  // The margin and its percentage computed here, independently of the api's answer.
  const margin = (Math.round(Number(billable) * 100) - Math.round(Number(cost) * 100)) / 100;
  const percent = Number(billable) === 0 ? null : ((margin * 100) / Number(billable)).toFixed(1);
  return { currency: 'USD', billable_seconds: 36000, costed_seconds: 43200, billable_value: billable, invoiced_value: invoiced, cost, margin: margin.toFixed(2), margin_percent: percent };
};
const row = { key_id: 'd1', name: 'Website rebuild', ...money('1500.00', '540.00', '800.00') };
const loss = { key_id: 'd2', name: 'Support retainer', ...money('200.00', '310.50') };
const report = (rows: unknown[], totals: unknown[]) => ({ body: { filters: NO_REPORT_FILTERS, group: 'deal', rows, totals } });

describe('Profitability', () => {
  it('shows billable value, invoiced value, cost, margin and margin % per deal, and per person on request', async () => {
    const api = mockApi({ ...shellRoutes(), ...reportsPageRoutes(), 'GET /api/v1/reports/profitability': report([row, loss], [money('1700.00', '850.50', '800.00')]) });
    signIn();
    renderApp('/reports?date_from=2026-01-01');
    const table = await screen.findByRole('table', { name: 'Profitability per deal' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(first.textContent).toBe('Website rebuild$1,500.0010.0 h billable$800.00$540.00$960.0064.0 %');
    expect(second.textContent).toBe('Support retainer$200.0010.0 h billable$0.00$310.50-$110.50-55.3 %');
    const totals = screen.getByRole('table', { name: 'Profitability totals' });
    expect(within(totals).getAllByRole('row')[1].textContent).toContain('$849.50');
    expect(api.callsTo('GET', '/api/v1/reports/profitability')[0].query).toEqual({ date_from: '2026-01-01', group_by: 'deal' });

    fireEvent.change(screen.getByLabelText('Profitability per'), { target: { value: 'user' } });
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/reports/profitability').some((c) => c.query.group_by === 'user')).toBe(true));
  });

  it('shows the live margin of a deal to admins', async () => {
    const unpriced = { ...money('0.00', '0.00'), currency: null, billable_seconds: 5400, costed_seconds: 1800 };
    const api = mockApi({ 'GET /api/v1/reports/profitability': report([row], [money('1500.00', '540.00', '800.00'), unpriced]) });
    signIn();
    renderWithProviders(
      <AppProviders>
        <LiveMarginCard of={{ deal_id: 'd1' }} />
      </AppProviders>,
    );
    const list = await screen.findByRole('list', { name: 'Margin of this deal' });
    expect(within(list).getAllByRole('listitem')[0].textContent).toBe('Margin$960.00Margin %64.0 %Billable$1,500.00Cost$540.00Invoiced$800.00');
    expect(within(list).getAllByRole('listitem')[1].textContent).toBe('Not priced: 1.5 h billable without an hourly rate, 0.5 h without a cost rate.');
    expect(api.callsTo('GET', '/api/v1/reports/profitability')[0].query).toEqual({ deal_id: 'd1', group_by: 'deal' });
  });

  it('shows an empty state without time, and nothing at all (no request) to sales', async () => {
    mockApi({ 'GET /api/v1/reports/profitability': report([], []) });
    signIn();
    const { unmount } = renderWithProviders(
      <AppProviders>
        <LiveMarginCard of={{ account_id: 'a1' }} />
      </AppProviders>,
    );
    expect(await screen.findByText('No time or invoices yet')).toBeTruthy();
    unmount();

    const api = mockApi({});
    signIn(makeUser('sales'));
    renderWithProviders(
      <AppProviders>
        <LiveMarginCard of={{ account_id: 'a1' }} />
      </AppProviders>,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Margin')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/reports/profitability')).toEqual([]);
  });
});
