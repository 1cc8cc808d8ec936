import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardRoutes, mockApi, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';
import { budgetsAtRisk } from './dashboard-data';

const burn = (kind: string, percent: number, projected: string | null = null) => ({ kind, budget: '100.00', used: `${percent}.00`, currency: kind === 'money' ? 'USD' : null, percent, daily_burn: '1.00', projected_exhaustion: projected, alerted: [] });
const deal = (id: string, name: string, budgets: unknown[]) => ({ deal_id: id, deal_name: name, budget_period: 'life', period: 'life', thresholds: [50, 80, 100], budgets });

describe('Budgets at risk', () => {
  it('keeps deals 80 % used or running out within 14 days, worst first', () => {
    const list = [deal('a', 'Calm', [burn('hours', 40)]), deal('b', 'Late soon', [burn('hours', 60, '2026-12-10')]), deal('c', 'Over', [burn('money', 120)]), deal('d', 'Far', [burn('hours', 70, '2027-02-01')])];
    expect(budgetsAtRisk(list as never, '2026-12-06').map((d) => d.deal_name)).toEqual(['Over', 'Late soon']);
  });

  it('shows them on the dashboard with their burn bars', async () => {
    mockApi({ ...dashboardRoutes(), 'GET /api/v1/deals/budgets': { body: { data: [deal('c', 'Over', [burn('money', 120)]), deal('a', 'Calm', [burn('hours', 10)])] } } });
    signIn();
    renderApp('/');
    const list = await screen.findByRole('list', { name: 'Budgets at risk' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByRole('progressbar', { name: 'Money budget used of Over' }).getAttribute('aria-valuenow')).toBe('120');
  });

  it('says so when no budget is at risk', async () => {
    mockApi(dashboardRoutes());
    signIn();
    renderApp('/');
    expect(await screen.findByText('No budget at risk')).toBeTruthy();
  });
});
