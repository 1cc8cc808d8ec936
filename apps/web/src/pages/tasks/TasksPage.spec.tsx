import type { TaskDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const task = (id: string, title: string, extra: Partial<TaskDto> = {}): TaskDto => ({
  id,
  deal_id: null,
  title,
  description: null,
  assigned_to: null,
  status: 'todo',
  priority: 'medium',
  due_date: null,
  estimated_hours: null,
  completed_at: null,
  created_by: null,
  version: 1,
  created_at: '2026-02-01T10:00:00Z',
  updated_at: '2026-02-01T10:00:00Z',
  ...extra,
});
const bob = makeUser('sales', { id: 'u-bob', name: 'Bob Sales' });

describe('TasksPage', () => {
  it('filters by status through the URL', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/tasks': (c) => page(c.query.status === 'done' ? [task('t2', 'Send invoice', { status: 'done' })] : [task('t1', 'Call Acme')]) });
    signIn();
    renderApp('/tasks');
    await screen.findByText('Call Acme');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'done' } });
    await waitFor(() => expect(currentLocation()).toBe('/tasks?status=done'));
    expect(await screen.findByText('Send invoice')).toBeTruthy();
    expect(api.calls.some((c) => c.path === '/api/v1/tasks' && c.query.status === 'done')).toBe(true);
  });

  it('assigns the selected tasks to one person in one call', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/tasks': page([task('t1', 'Call Acme'), task('t2', 'Draft proposal'), task('t3', 'Book meeting')]),
      'GET /api/v1/users': page([makeUser('admin'), bob]),
      'POST /api/v1/tasks/bulk-assign': { body: { updated: 2, data: [] } },
    });
    signIn();
    renderApp('/tasks');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Call Acme' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Book meeting' }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(bar.textContent).toContain('2 selected');
    await within(bar).findByRole('option', { name: 'Bob Sales' });
    fireEvent.change(within(bar).getByRole('combobox'), { target: { value: 'u-bob' } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Assign' }));

    expect(await screen.findByText('2 tasks reassigned')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/tasks/bulk-assign')[0].body).toEqual({ task_ids: ['t1', 't3'], assigned_to: 'u-bob' });
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).toBeNull();
  });

  it('changes a status with the version it showed', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/tasks': page([task('t1', 'Call Acme')]), 'PATCH /api/v1/tasks/:id': { body: task('t1', 'Call Acme', { status: 'in_progress', version: 2 }) } });
    signIn();
    renderApp('/tasks');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Status of Call Acme' }), { target: { value: 'in_progress' } });
    expect(await screen.findByText('"Call Acme" is now in progress')).toBeTruthy();
    const patch = api.callsTo('PATCH', '/api/v1/tasks/t1')[0];
    expect(patch.body).toEqual({ status: 'in_progress' });
    expect(patch.headers.get('If-Match')).toBe('"1"');
  });

  it('offers no bulk assignment to sales', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/tasks': page([task('t1', 'Call Acme')]) });
    signIn(makeUser('sales'));
    renderApp('/tasks');
    await screen.findByText('Call Acme');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
