import type { DealHealthDto } from '@clockwork/api-client';
import { screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { AtRiskPanel } from '../dashboard/AtRiskPanel';
import { DealHealthCard, DealHealthFlags } from './DealHealth';

const idle = { code: 'idle_late_stage' as const, message: 'Negotiation, no hours in 21 days', numbers: { days_without_hours: 21 } };
const effort = { code: 'effort_above_won' as const, message: 'Pre-sales effort 3.4× the median of won deals of this size (34.0 h against 10.0 h over 5 deals)', numbers: { hours: 34, median_hours: 10, multiple: 3.4, won_peers: 5 } };
const health = (id: string, name: string, signals: DealHealthDto['signals']): DealHealthDto => ({ deal_id: id, deal_name: name, account_id: null, stage: 'negotiation', signals });
const churn = (id: string, name: string, risk: number) => ({
  account_id: id,
  account_name: name,
  risk,
  level: risk >= 0.6 ? 'high' : risk >= 0.3 ? 'medium' : 'low',
  factors: [{ factor: 'silence', value: 60, effect: 1.7, reason: 'No time or activity in 60 days' }],
  hours_last_30d: 0,
  hours_baseline_30d: 10,
  days_since_touch: 60,
  open_deals: 0,
  lost_deals_180d: 0,
  overdue_invoices: 0,
  overdue_tasks: 0,
});
const render = (ui: ReactElement) => renderWithProviders(<AppProviders>{ui}</AppProviders>);
const failure = { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } };

describe('DealHealthCard', () => {
  it("lists one deal's signals as sentences, asking for that deal only", async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deal-health': { body: { data: [health('d1', 'Acme renewal', [idle, effort])], next_cursor: null } } });
    signIn(makeUser('manager'));
    render(<DealHealthCard dealId="d1" />);
    const list = await screen.findByRole('list', { name: 'Health signals' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([idle.message, effort.message]);
    expect(api.callsTo('GET', '/api/v1/insights/deal-health').map((c) => c.query.deal_id)).toEqual(['d1']);
  });

  it('says so when the deal is healthy, and shows an error state when the API fails', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deal-health': { body: { data: [health('d1', 'Acme', [])], next_cursor: null } } });
    signIn(makeUser('admin'));
    const { unmount } = render(<DealHealthCard dealId="d1" />);
    expect(await screen.findByText('No warning signs.')).toBeTruthy();
    unmount();
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deal-health': failure });
    render(<DealHealthCard dealId="d1" />);
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('is not shown to sales, and asks nothing', async () => {
    const api = mockApi({ ...shellRoutes() });
    signIn(makeUser('sales'));
    render(<DealHealthCard dealId="d1" />);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Deal health')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/insights/deal-health')).toHaveLength(0);
  });
});

describe('DealHealthFlags', () => {
  it('reads every page once and badges the deal with its signals, the sentence as the title', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/insights/deal-health': (call) => ({
        body: call.query.cursor ? { data: [health('d2', 'Globex pilot', [effort])], next_cursor: null } : { data: [health('d1', 'Acme', [idle])], next_cursor: 'c1' },
      }),
    });
    signIn(makeUser('manager'));
    render(
      <>
        <DealHealthFlags dealId="d2" />
        <DealHealthFlags dealId="d1" />
      </>,
    );
    const flags = await screen.findByRole('list', { name: 'Health signals of Globex pilot' });
    expect(within(flags).getByText('High effort').closest('li')?.getAttribute('title')).toBe(effort.message);
    expect(within(screen.getByRole('list', { name: 'Health signals of Acme' })).getByText('Idle')).toBeTruthy();
    expect(api.callsTo('GET', '/api/v1/insights/deal-health').map((c) => c.query.cursor ?? null)).toEqual([null, 'c1']);
  });
});

describe('AtRiskPanel', () => {
  it('links the deals with signals and the accounts at high churn risk', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/insights/deal-health': { body: { data: [health('d1', 'Acme renewal', [idle]), health('d2', 'Healthy deal', [])], next_cursor: null } },
      'GET /api/v1/insights/churn-risk': { body: { data: [churn('a1', 'Initech', 0.81), churn('a2', 'Umbrella', 0.4)], next_cursor: null } },
    });
    signIn(makeUser('admin'));
    render(<AtRiskPanel />);
    const deals = await screen.findByRole('list', { name: 'Deals at risk' });
    expect(within(deals).getByRole('link', { name: 'Acme renewal' }).getAttribute('href')).toBe('/deals/d1');
    expect(within(deals).getByText(idle.message)).toBeTruthy();
    expect(within(deals).queryByText('Healthy deal')).toBeNull();
    const accounts = screen.getByRole('list', { name: 'Accounts at risk' });
    expect(within(accounts).getByRole('link', { name: 'Initech' }).getAttribute('href')).toBe('/accounts/a1');
    expect(within(accounts).getByText(`Churn risk ${Math.round(0.81 * 100)} %`)).toBeTruthy();
    expect(within(accounts).queryByText('Umbrella')).toBeNull();
  });

  it('says when nothing is at risk, and shows an error state when a read fails', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deal-health': { body: { data: [health('d2', 'Healthy', [])], next_cursor: null } }, 'GET /api/v1/insights/churn-risk': { body: { data: [churn('a2', 'Calm', 0.1)], next_cursor: null } } });
    signIn(makeUser('manager'));
    const { unmount } = render(<AtRiskPanel />);
    expect(await screen.findByText('Nothing at risk')).toBeTruthy();
    unmount();
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deal-health': failure, 'GET /api/v1/insights/churn-risk': { body: { data: [], next_cursor: null } } });
    render(<AtRiskPanel />);
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('is not shown to sales', async () => {
    const api = mockApi({ ...shellRoutes() });
    signIn(makeUser('sales'));
    render(<AtRiskPanel />);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('At risk')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/insights/deal-health')).toHaveLength(0);
  });
});
