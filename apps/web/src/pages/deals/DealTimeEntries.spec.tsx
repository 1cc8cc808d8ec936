import type { TimeEntryDto } from '@clockwork/api-client';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, page, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { DealTimeEntries } from './DealTimeEntries';

const entry = (id: string, userId: string, seconds: number): TimeEntryDto => ({
  id,
  external_id: null,
  user_id: userId,
  employee_id: null,
  deal_id: 'd1',
  task_id: null,
  account_id: null,
  project_name: `Work ${id}`,
  tags: [],
  start_time: '2026-02-02T09:00:00Z',
  end_time: '2026-02-02T10:00:00Z',
  duration_seconds: seconds,
  activity_type: 'app',
  productivity_score: null,
  source: 'agent',
  mapping_status: 'mapped',
  mapping_rule: 'explicit_deal',
  unmapped_reason: null,
  sync_status: 'synced',
  billable: true,
  source_updated_at: null,
  version: 1,
  created_at: '2026-02-02T10:00:00Z',
  updated_at: '2026-02-02T10:00:00Z',
});

const render = () =>
  renderWithProviders(
    <AppProviders>
      <DealTimeEntries dealId="d1" />
    </AppProviders>,
  );

describe('DealTimeEntries', () => {
  it("shows sales its own time on the deal as \"My time\" and everyone's total hours without names", async () => {
    const sales = makeUser('sales');
    const api = mockApi({
      'GET /api/v1/time-entries': page([entry('e1', sales.id, 1800)]),
      'GET /api/v1/deals/:id/time': { body: { deal_id: 'd1', entries: 4, seconds: 19800, hours: 5.5, billable_seconds: 7200, billable_hours: 2 } },
    });
    signIn(sales);
    render();
    expect(await screen.findByText('My time on this deal · 0.5 h')).toBeTruthy();
    expect((await screen.findByTestId('deal-time-total')).textContent).toBe('Everyone on this deal: 5.5 h · 2.0 h billable · 4 entries');
    expect(screen.getByText('Work e1')).toBeTruthy();
    expect(screen.queryByText(/Ada Sales/)).toBeNull();
    expect(screen.queryByText(/productivity/i)).toBeNull();
    expect(api.callsTo('GET', '/api/v1/deals/d1/time')).toHaveLength(1);
  });

  it('shows a manager every entry with who logged it, and no separate total', async () => {
    const manager = makeUser('manager');
    const api = mockApi({
      'GET /api/v1/time-entries': page([entry('e1', manager.id, 3600), entry('e2', 'someone-else', 1800)]),
      'GET /api/v1/users': page([manager]),
    });
    signIn(manager);
    render();
    expect(await screen.findByText('Time entries · 1.5 h')).toBeTruthy();
    expect(await screen.findByText(/Ada Manager ·/)).toBeTruthy();
    expect(screen.getByText(/Unknown person ·/)).toBeTruthy();
    expect(screen.queryByTestId('deal-time-total')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/deals/d1/time')).toHaveLength(0);
  });
});
