import type { ChurnRiskDto } from '@clockwork/api-client';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { AccountChurnRiskCard, ChurnRiskCard } from './ChurnRisk';

const risk = (id: string, name: string, value: number, factors: ChurnRiskDto['factors'] = []): ChurnRiskDto => ({
  account_id: id,
  account_name: name,
  risk: value,
  level: value >= 0.6 ? 'high' : value >= 0.3 ? 'medium' : 'low',
  factors,
  hours_last_30d: 2,
  hours_baseline_30d: 20,
  days_since_touch: 40,
  open_deals: 0,
  lost_deals_180d: 0,
  overdue_invoices: 1,
  overdue_tasks: 0,
});
const factor = (name: ChurnRiskDto['factors'][number]['factor'], reason: string, effect: number) => ({ factor: name, value: 1, effect, reason });

const render = (ui: ReactElement) =>
  renderWithProviders(
    <AppProviders>{ui}</AppProviders>,
  );

describe('ChurnRiskCard', () => {
  it('lists accounts by risk with their level and reasons, and loads the next page', async () => {
    const first = [risk('a1', 'Acme', 0.8123, [factor('silence', 'No time or activity in 40 days', 1.9), factor('no_open_deal', 'No open deal', 1)]), risk('a2', 'Globex', 0.35)];
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/insights/churn-risk': (call) => ({ body: call.query.cursor ? { data: [risk('a3', 'Initech', 0.05)], next_cursor: null } : { data: first, next_cursor: 'c1' } }),
    });
    signIn(makeUser('manager'));
    render(<ChurnRiskCard />);
    const table = await screen.findByRole('table', { name: 'Churn risk' });
    const rows = within(table).getAllByRole('row').slice(1);
    // The percentage is the API's risk × 100, rounded.
    expect(within(rows[0]).getByText(`${Math.round(first[0].risk * 100)} %`)).toBeTruthy();
    expect(within(rows[0]).getByText('High risk')).toBeTruthy();
    expect(within(rows[1]).getByText('Medium risk')).toBeTruthy();
    const reasons = within(rows[0]).getByRole('list', { name: 'Why Acme may churn' });
    expect(within(reasons).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['No time or activity in 40 days', 'No open deal']);
    expect(within(rows[0]).getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('/accounts/a1');
    fireEvent.click(screen.getByRole('button', { name: /load more/i }));
    expect(await within(table).findByText('Initech')).toBeTruthy();
    expect(api.callsTo('GET', '/api/v1/insights/churn-risk').map((c) => c.query.cursor ?? null)).toEqual([null, 'c1']);
  });

  it('says so when there is no account', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/churn-risk': { body: { data: [], next_cursor: null } } });
    signIn(makeUser('admin'));
    render(<ChurnRiskCard />);
    expect(await screen.findByText('No accounts to score yet')).toBeTruthy();
  });

  it('shows an error state when the API fails', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/churn-risk': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn(makeUser('admin'));
    render(<ChurnRiskCard />);
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('is not shown to sales', async () => {
    const api = mockApi({ ...shellRoutes() });
    signIn(makeUser('sales'));
    render(<ChurnRiskCard />);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Churn risk')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/insights/churn-risk')).toHaveLength(0);
  });
});

describe('AccountChurnRiskCard', () => {
  it("shows one account's risk and reasons, asking for that account only", async () => {
    const one = risk('a1', 'Acme', 0.42, [factor('overdue_invoices', '1 invoice unpaid past its term', 0.9)]);
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/insights/churn-risk': { body: { data: [one], next_cursor: null } } });
    signIn(makeUser('admin'));
    render(<AccountChurnRiskCard accountId="a1" />);
    expect(await screen.findByText(`${Math.round(one.risk * 100)} %`)).toBeTruthy();
    expect(screen.getByText('Medium risk')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Why this account may churn' })).getByText('1 invoice unpaid past its term')).toBeTruthy();
    expect(api.callsTo('GET', '/api/v1/insights/churn-risk')[0].query).toMatchObject({ account_id: 'a1', limit: '1' });
  });
});
