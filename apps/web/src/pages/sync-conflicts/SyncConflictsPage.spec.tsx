import type { SyncConflictDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn, type Call } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const TASK_ID = '0190c7a2-0000-4000-8000-000000000001';
const DEAL_ID = '0190c79f-0000-4000-8000-000000000002';

function conflict(overrides: Partial<SyncConflictDto> & Pick<SyncConflictDto, 'id'>): SyncConflictDto {
  return {
    integration_id: '00000000-0000-4000-8000-0000000000i1',
    record_type: 'task',
    record_id: TASK_ID,
    field: 'title',
    crm_value: 'Install the agent',
    remote_value: 'Install the agent on 12 laptops',
    crm_updated_at: '2026-03-02T09:00:00Z',
    remote_updated_at: '2026-03-02T10:00:05Z',
    winner: 'remote',
    resolved_at: null,
    resolved_by: null,
    // null until resolved (the OpenAPI document says nullable; the generated type drops it on this enum)
    resolution: null as unknown as SyncConflictDto['resolution'],
    created_at: '2026-03-02T10:00:06Z',
    ...overrides,
  };
}

const titleConflict = conflict({ id: 'c-1' });
const dealConflict = conflict({ id: 'c-2', record_type: 'deal', record_id: DEAL_ID, field: 'due_date', crm_value: '2026-04-01', remote_value: null, winner: 'crm' });

/** The list and the nav badge share the route: the badge asks `resolved=false&limit=99`. */
const isBadge = (call: Call) => call.query.limit === '99';

describe('Sync conflicts', () => {
  it('lists the unresolved conflicts with both values side by side and a badge in the nav', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/sync/conflicts': page([titleConflict, dealConflict]) });
    signIn(makeUser('manager'));
    renderApp('/sync-conflicts');

    const title = await screen.findByRole('article', { name: 'Task title' });
    expect(within(title).getByText('Install the agent')).toBeTruthy();
    expect(within(title).getByText('Install the agent on 12 laptops')).toBeTruthy();
    expect(within(title).getByText('Applied now')).toBeTruthy();
    expect(within(title).getByRole('link', { name: 'Open task' }).getAttribute('href')).toBe('/tasks');
    const due = screen.getByRole('article', { name: 'Deal due date' });
    expect(within(due).getByText('(empty)')).toBeTruthy();
    expect(within(due).getByRole('link', { name: 'Open deal' }).getAttribute('href')).toBe(`/deals/${DEAL_ID}`);

    expect(await screen.findByRole('link', { name: 'Sync conflicts, 2 unresolved' })).toBeTruthy();
    const list = api.callsTo('GET', '/api/v1/sync/conflicts').find((c) => !isBadge(c));
    expect(list?.query).toMatchObject({ resolved: 'false', limit: '50' });
  });

  it('keeps the chosen side, shows the kept value and lowers the badge count', async () => {
    let resolved = false;
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/sync/conflicts': (call) => (isBadge(call) ? page(resolved ? [dealConflict] : [titleConflict, dealConflict]) : page([titleConflict, dealConflict])),
      'POST /api/v1/sync/conflicts/:id/resolve': () => {
        resolved = true;
        return { body: { ...titleConflict, resolution: 'crm', resolved_at: '2026-03-03T08:00:00Z', resolved_by: makeUser('admin').id } };
      },
      'GET /api/v1/tasks': page([]),
    });
    signIn();
    renderApp('/sync-conflicts');

    const title = await screen.findByRole('article', { name: 'Task title' });
    await screen.findByRole('link', { name: 'Sync conflicts, 2 unresolved' });
    fireEvent.click(within(title).getByRole('button', { name: 'Keep CRM' }));

    await waitFor(() => expect(within(title).getByText(/kept the CRM value/)).toBeTruthy());
    await waitFor(() => expect(document.activeElement).toBe(within(title).getByText(/kept the CRM value/)));
    expect(within(title).getByText('Kept')).toBeTruthy();
    expect(within(title).queryByRole('button', { name: 'Keep CRM' })).toBeNull();
    expect(api.callsTo('POST', '/api/v1/sync/conflicts/c-1/resolve')[0].body).toEqual({ keep: 'crm' });
    expect(await screen.findByRole('link', { name: 'Sync conflicts, 1 unresolved' })).toBeTruthy();
    expect(await screen.findByText('Kept the CRM value of title')).toBeTruthy();
  });

  it('says so when nothing is left to review, with no badge in the nav', async () => {
    mockApi({ ...shellRoutes() });
    signIn();
    renderApp('/sync-conflicts');
    expect(await screen.findByText('No conflicts to review')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sync conflicts' })).toBeTruthy();
  });

  it('keeps the filters in the address and asks the api with them', async () => {
    const api = mockApi({ ...shellRoutes() });
    signIn();
    renderApp('/sync-conflicts');
    await screen.findByText('No conflicts to review');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'resolved' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Record type' }), { target: { value: 'deal' } });
    expect(await screen.findByText('No resolved conflicts')).toBeTruthy();
    expect(currentLocation()).toBe('/sync-conflicts?status=resolved&record_type=deal');
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/sync/conflicts').some((c) => c.query.resolved === 'true' && c.query.record_type === 'deal')).toBe(true));
  });

  it('shows an error with a retry when the list cannot be loaded', async () => {
    let fail = true;
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/sync/conflicts': (call) => (isBadge(call) || !fail ? page([titleConflict]) : { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } }),
    });
    signIn();
    renderApp('/sync-conflicts');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Database unavailable')).toBeTruthy();
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('article', { name: 'Task title' })).toBeTruthy();
  });

  it('is in the nav for admins and managers only', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/tasks': page([]) });
    signIn(makeUser('sales'));
    renderApp('/tasks');
    await screen.findByRole('link', { name: 'Tasks' });
    expect(screen.queryByRole('link', { name: /Sync conflicts/ })).toBeNull();
  });
});
