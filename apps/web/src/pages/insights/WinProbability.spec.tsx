import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { DEFAULT_PIPELINE, makeDeal, makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp, renderWithProviders } from '../../testing/render';
import { DealWinProbabilityCard } from './WinProbability';

const DEAL = '00000000-0000-4000-8000-00000000d001';
const factors = [
  { feature: 'hours_last_14d', value: 12.5, effect: 0.84 },
  { feature: 'days_since_entry', value: 21, effect: -0.41 },
];
const model = { id: null, trained_at: null, n_closed: 40, n_won: 18, n_holdout: 8, fallback: false, auc: 0.81, brier: 0.17, fallback_brier: 0.23, features: [], note: '' };

const renderCard = () =>
  renderWithProviders(
    <AppProviders>
      <DealWinProbabilityCard dealId={DEAL} />
    </AppProviders>,
  );

describe('DealWinProbabilityCard', () => {
  it("shows a manager the deal's probability, where it comes from and its top factors", async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deals/:id/win-probability': { body: { deal_id: DEAL, stage: 'proposal', probability: 0.634, source: 'model', factors } } });
    signIn(makeUser('manager'));
    renderCard();
    // 0.634 → 63 % (rounded to a whole percent)
    expect(await screen.findByText('63 %')).toBeTruthy();
    expect(screen.getByText("From this organization's model, trained on its closed deals.")).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Top factors' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Hours last 14d (12.5)raises', 'Days since entry (21)lowers']);
  });

  it('says when the probability is the stage rate', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deals/:id/win-probability': { body: { deal_id: DEAL, stage: 'proposal', probability: 0.5, source: 'stage_rate', factors: [] } } });
    signIn(makeUser('admin'));
    renderCard();
    expect(await screen.findByText('50 %')).toBeTruthy();
    expect(screen.getByText('From the win rate of the stage (too few closed deals for a model yet).')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Top factors' })).toBeNull();
  });

  it('shows the error state when the api fails', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/deals/:id/win-probability': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn(makeUser('admin'));
    renderCard();
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('is not shown (and not asked for) to sales', async () => {
    const api = mockApi({ ...shellRoutes() });
    signIn(makeUser('sales'));
    renderCard();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Win probability')).toBeNull();
    expect(api.callsTo('GET', `/api/v1/insights/deals/${DEAL}/win-probability`)).toHaveLength(0);
  });
});

describe('win chance on the deal cards', () => {
  it('reads the whole board once and puts each open deal’s chance on its card', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/deals/budgets': { body: { data: [] } },
      'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE] } },
      'GET /api/v1/deals': page([makeDeal({ id: 'd1', name: 'Website rebuild', stage: 'proposal' }), makeDeal({ id: 'd2', name: 'Audit', stage: 'qualification' })]),
      'GET /api/v1/insights/win-probabilities': {
        body: {
          model,
          deals: [
            { deal_id: 'd1', stage: 'proposal', probability: 0.724, source: 'model', factors },
            { deal_id: 'd2', stage: 'qualification', probability: 0.115, source: 'model', factors: [] },
          ],
          weighted: [],
        },
      },
      'GET /api/v1/insights/deal-health': { body: { data: [], next_cursor: null } },
    });
    signIn(makeUser('manager'));
    renderApp('/deals');
    const card = await screen.findByRole('article', { name: 'Website rebuild' });
    expect((await within(card).findByText(/Win chance/)).textContent).toBe('Win chance 72 %');
    expect((await within(screen.getByRole('article', { name: 'Audit' })).findByText(/Win chance/)).textContent).toBe('Win chance 12 %');
    expect(api.callsTo('GET', '/api/v1/insights/win-probabilities')).toHaveLength(1);
  });
});
