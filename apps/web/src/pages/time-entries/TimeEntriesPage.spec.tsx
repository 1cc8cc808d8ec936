import type { DealDto, TimeEntryDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const entry = (id: string, extra: Partial<TimeEntryDto> = {}): TimeEntryDto => ({
  id,
  external_id: null,
  user_id: null,
  employee_id: null,
  deal_id: null,
  task_id: null,
  account_id: null,
  project_name: 'Mystery work',
  tags: [],
  start_time: '2026-02-02T09:00:00Z',
  end_time: '2026-02-02T10:30:00Z',
  duration_seconds: 5400,
  activity_type: 'app',
  productivity_score: 80,
  source: 'agent',
  mapping_status: 'unmapped',
  mapping_rule: null,
  unmapped_reason: 'no_match',
  sync_status: 'pending',
  billable: true,
  source_updated_at: null,
  version: 1,
  created_at: '2026-02-02T10:30:00Z',
  updated_at: '2026-02-02T10:30:00Z',
  ...extra,
});
const openDeal = { id: 'd1', name: 'Website rebuild', stage: 'proposal' } as DealDto;

describe('TimeEntriesPage', () => {
  it('shows entries with their sync status and keeps the date range in the URL', async () => {
    const api = mockApi({ 'GET /api/v1/time-entries': page([entry('e1', { mapping_status: 'mapped', unmapped_reason: null, sync_status: 'synced', project_name: 'Design review' }), entry('e2')]) });
    signIn();
    renderApp('/time-entries');
    const table = await screen.findByRole('table', { name: 'Time entries' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('Synced')).toBeTruthy();
    expect(within(rows[1]).getByText('Pending')).toBeTruthy();
    expect(within(rows[1]).getByText('Unmapped · no match')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-01' } });
    await waitFor(() => expect(currentLocation()).toBe('/time-entries?date_from=2026-02-01'));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/time-entries' && c.query.date_from === '2026-02-01')).toBe(true));

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search time entries' }), { target: { value: 'design' } });
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Time entries' })).getAllByRole('row')).toHaveLength(2));
  });

  it('assigns an unmapped entry to a deal from the review queue', async () => {
    let assigned = false;
    const api = mockApi({
      'GET /api/v1/time-entries/unmapped': () => page(assigned ? [] : [entry('e2')]),
      'GET /api/v1/deals': page([openDeal]),
      'POST /api/v1/time-entries/:id/assign': () => ((assigned = true), { body: entry('e2', { deal_id: 'd1', mapping_status: 'mapped' }) }),
    });
    signIn(makeUser('manager'));
    renderApp('/time-entries?view=review');
    const table = await screen.findByRole('table', { name: 'Unmapped time entries' });
    const select = within(table).getByRole('combobox', { name: 'Deal for Mystery work' });
    await within(select).findByRole('option', { name: 'Website rebuild' });
    fireEvent.change(select, { target: { value: 'd1' } });
    fireEvent.click(within(table).getByRole('button', { name: 'Assign' }));

    expect(await screen.findByText('1h 30m assigned to Website rebuild')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/time-entries/e2/assign')[0].body).toEqual({ deal_id: 'd1' });
    expect(await screen.findByText('The review queue is empty')).toBeTruthy();
  });

  it('has no review queue for sales', async () => {
    mockApi();
    signIn(makeUser('sales'));
    renderApp('/time-entries?view=review');
    expect(await screen.findByText('No time entries yet')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Review queue' })).toBeNull();
  });
});
