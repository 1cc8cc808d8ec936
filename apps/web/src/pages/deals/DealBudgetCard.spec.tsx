import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { DEFAULT_PIPELINE, makeDeal, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp, renderWithProviders } from '../../testing/render';
import { DealBudgetCard } from './DealBudgetCard';

const deal = makeDeal({ id: 'd1', name: 'Website rebuild', hours_budget: '10.00', money_budget: '900.00', version: 2 });
// 8.5 of 10 hours and 800 of 900 USD: the percentages computed here, not taken from the api.
const hours = { kind: 'hours', budget: '10.00', used: '8.50', currency: null, percent: Math.round((8.5 / 10) * 1000) / 10, daily_burn: '0.61', projected_exhaustion: '2026-12-09', alerted: [50, 80] };
const money = { kind: 'money', budget: '900.00', used: '800.00', currency: 'USD', percent: Math.round((800 / 900) * 1000) / 10, daily_burn: '57.14', projected_exhaustion: null, alerted: [50, 80] };
const budget = (budgets: unknown[]) => ({ body: { deal_id: 'd1', deal_name: 'Website rebuild', budget_period: 'life', period: 'life', thresholds: [50, 80, 100], budgets } });
const render = () =>
  renderWithProviders(
    <AppProviders>
      <DealBudgetCard deal={deal} />
    </AppProviders>,
  );

describe('Deal budget', () => {
  it('shows a labelled burn bar per budget with its percent, figures and projection', async () => {
    mockApi({ 'GET /api/v1/deals/d1/budget': budget([hours, money]) });
    signIn();
    render();
    const bar = await screen.findByRole('progressbar', { name: 'Hours budget used of Website rebuild' });
    expect(bar.getAttribute('aria-valuenow')).toBe('85');
    expect(bar.getAttribute('aria-valuetext')).toBe('85% — 8.5 h of 10 h');
    expect(screen.getByRole('progressbar', { name: 'Money budget used of Website rebuild' }).getAttribute('aria-valuenow')).toBe('88.9');
    expect(screen.getByText('85% — 8.5 h of 10 h')).toBeTruthy();
    expect(screen.getByText(/Runs out around Dec 9, 2026/)).toBeTruthy();
  });

  it('sets the budgets through PATCH, clearing an emptied one, and names a refused field', async () => {
    const api = mockApi({
      'GET /api/v1/deals/d1/budget': budget([]),
      'PATCH /api/v1/deals/d1': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'hours_budget', errors: ['hours_budget must be a positive number of hours with at most 2 decimals, e.g. "120.5"'] }] } },
    });
    signIn();
    render();
    expect(await screen.findByText(/No budget yet/)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Deal budget' });
    fireEvent.change(within(form).getByLabelText('Hours budget'), { target: { value: '0' } });
    fireEvent.change(within(form).getByLabelText('Money budget (USD)'), { target: { value: '' } });
    fireEvent.change(within(form).getByLabelText('Budget period'), { target: { value: 'month' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save budget' }));
    expect(await within(form).findByText(/hours_budget must be a positive number/)).toBeTruthy();
    expect(api.callsTo('PATCH', '/api/v1/deals/d1')[0].body).toEqual({ hours_budget: '0', money_budget: null, budget_period: 'month' });
  });

  it('puts a compact burn bar on the kanban card of a deal with a budget', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/deals': page([deal, makeDeal({ id: 'd2', name: 'No budget' })]),
      'GET /api/v1/deals/budgets': { body: { data: [budget([hours]).body] } },
      'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE] } },
      'GET /api/v1/insights/win-probabilities': { body: { model: {}, deals: [], weighted: [] } },
      'GET /api/v1/insights/deal-health': { body: { data: [], next_cursor: null } },
    });
    signIn();
    renderApp('/deals');
    const card = await screen.findByRole('article', { name: 'Website rebuild' });
    const bar = await within(card).findByRole('progressbar', { name: 'Hours budget used of Website rebuild' });
    expect(bar.getAttribute('aria-valuenow')).toBe('85');
    expect(within(screen.getByRole('article', { name: 'No budget' })).queryByRole('progressbar')).toBeNull();
  });
});
