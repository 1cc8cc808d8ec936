import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { LeakageCard } from './LeakageCard';

const filters = { date_from: '2026-05-01', date_to: '2026-06-01', group_by: null, deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null };
const row = (category: string, currency: string | null, seconds: number, value: string) => ({ category, currency, entries: 3, seconds, hours: Math.round((seconds / 3600) * 100) / 100, value });

const renderCard = () =>
  renderWithProviders(
    <AppProviders>
      <LeakageCard range={{ date_from: '2026-05-01', date_to: '2026-06-01' }} />
    </AppProviders>,
  );

describe('LeakageCard', () => {
  it('lists each category with its hours and value at rate, over the page range', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/insights/leakage': { body: { filters, rows: [row('lost_deal', 'USD', 9000, '250.00'), row('invoiced_period', 'EUR', 5400, '120.50'), row('no_open_deal', null, 1800, '0.00')] } },
    });
    signIn(makeUser('manager'));
    renderCard();
    const table = await screen.findByRole('table', { name: 'Leakage' });
    const cells = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    // 9000 s = 2.50 h, 5400 s = 1.50 h, 1800 s = 0.50 h
    expect(cells.map((c) => c.slice(0, 2))).toEqual([
      ['On lost deals', '2.50'],
      ['Late in invoiced periods', '1.50'],
      ['For accounts with no open deal', '0.50'],
    ]);
    expect(cells[0][2]).toContain('250.00');
    expect(cells[2][2]).toBe('No rate');
    expect(api.callsTo('GET', '/api/v1/insights/leakage')[0].query).toEqual({ date_from: '2026-05-01', date_to: '2026-06-01' });
  });

  it('says so when there is none', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/insights/leakage': { body: { filters, rows: [] } } });
    signIn(makeUser('admin'));
    renderCard();
    expect(await screen.findByText('No leakage in this range')).toBeTruthy();
  });

  it('is not shown to support', async () => {
    const api = mockApi({ ...shellRoutes() });
    signIn(makeUser('support'));
    renderCard();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Leakage')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/insights/leakage')).toHaveLength(0);
  });
});
