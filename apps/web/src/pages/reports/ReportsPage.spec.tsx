import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, reportsPageRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';
import { apiDateRange, pipelineChart, revenueChart, timeChart } from './report-data';

const figures = { entries: 2, seconds: 9000, hours: 2.5, billable_seconds: 3600, billable_hours: 1 };
const filters = { date_from: null, date_to: null, group_by: 'stage', deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null };
const timeRow = (deal: string | null, hours: number, period: string | null = null) => ({ ...figures, hours, period, deal_id: deal, deal_name: deal });

const routes = {
  ...reportsPageRoutes(),
  'GET /api/v1/reports/pipeline': {
    body: {
      filters,
      rows: [{ stage: 'proposal', currency: 'USD', count: 2, value: '5000.00', probability: 0.5, weighted_value: '2500.00', weighting: 'stage' }],
      stage_times: [],
      totals: { count: 2, weighting: 'stage', model_trained_at: null, by_currency: [{ currency: 'USD', count: 2, value: '5000.00', weighted_value: '2500.00', weighting: 'stage' }], won: 1, lost: 1, win_rate: 0.5 },
    },
  },
  'GET /api/v1/reports/time-per-deal': { body: { filters, rows: [timeRow('Website rebuild', 2), timeRow(null, 0.5)], totals: figures } },
};

describe('report data', () => {
  it('turns the inclusive "to" day into the exclusive date_to', () => {
    expect(apiDateRange('2026-01-01', '2026-01-31')).toEqual({ date_from: '2026-01-01', date_to: '2026-02-01' });
    expect(apiDateRange('', '')).toEqual({});
  });

  it('charts time per period with one series per deal when grouped', () => {
    const rows = [timeRow('A', 1, '2026-01-05'), timeRow('B', 2, '2026-01-05'), timeRow('A', 3, '2026-01-12')];
    expect(timeChart(rows, (r) => r.deal_name ?? '', true)).toEqual({
      labels: ['2026-01-05', '2026-01-12'],
      series: [
        { label: 'A', values: [1, 3] },
        { label: 'B', values: [2, 0] },
      ],
    });
    expect(timeChart(rows, (r) => r.deal_name ?? '', false).labels).toEqual(['A', 'B']);
  });

  it('charts pipeline value per stage and currency', () => {
    const chart = pipelineChart(routes['GET /api/v1/reports/pipeline'].body.rows as never);
    expect(chart).toEqual({ labels: ['Proposal'], series: [{ label: 'Value (USD)', values: [5000] }] });
  });

  it('charts revenue per hour per deal and currency, none as 0', () => {
    const row = { ...figures, deal_id: 'd1', deal_name: 'Rollout', account_id: null, currency: 'EUR', value: '375.00', revenue_per_hour: '150.00' as string | null, billable_share: 0.4 };
    expect(revenueChart([row, { ...row, currency: 'USD', revenue_per_hour: null }])).toEqual({ labels: ['Rollout (EUR)', 'Rollout (USD)'], series: [{ label: 'Revenue per hour', values: [150, 0] }] });
  });
});

describe('ReportsPage', () => {
  it('shows each report as a chart with its data table, with the filters in the URL', async () => {
    const api = mockApi({ ...shellRoutes(), ...routes });
    signIn();
    renderApp('/reports');
    const table = await screen.findByRole('table', { name: 'Time per deal data' });
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual(['NameHours', 'Website rebuild2', 'Not mapped0.5']);
    expect(screen.getByRole('img', { name: /Time per deal\. Website rebuild: 2 h/ })).toBeTruthy();
    expect(screen.getAllByText('Nothing in this range')).toHaveLength(4);

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-31' } });
    fireEvent.change(screen.getByLabelText('Group time by'), { target: { value: 'week' } });
    await waitFor(() => expect(currentLocation()).toBe('/reports?date_to=2026-03-31&group_by=week'));
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/reports/time-per-deal').some((c) => c.query.group_by === 'week' && c.query.date_to === '2026-04-01')).toBe(true));
    expect(api.callsTo('GET', '/api/v1/reports/pipeline').every((c) => !('group_by' in c.query))).toBe(true);
  });

  it('exports a report as CSV through the API with the bearer token', async () => {
    const api = mockApi({ ...shellRoutes(), ...routes });
    const createObjectURL = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    signIn();
    renderApp('/reports?date_from=2026-01-01');
    fireEvent.click(await screen.findByRole('button', { name: 'Export Time per deal as CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const exportCall = api.callsTo('GET', '/api/v1/reports/time-per-deal').find((c) => c.query.format === 'csv');
    expect(exportCall?.query.date_from).toBe('2026-01-01');
    expect(exportCall?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });
});
