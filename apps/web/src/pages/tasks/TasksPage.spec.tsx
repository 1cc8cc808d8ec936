import type { TaskDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeDeal, makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

/** The forms ask for the organization's custom fields (none here). */
const noCustomFields = { 'GET /api/v1/custom-fields': { body: { data: [] } } };

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
  custom_fields: {},
  ...extra,
});
const bob = makeUser('sales', { id: 'u-bob', name: 'Bob Sales' });
/** An organization with 1,001 deals, served as the api does: 200 a page, `q` searching names. */
const manyDeals = Array.from({ length: 1001 }, (_, i) => makeDeal({ id: `d${i + 1}`, name: i === 1000 ? 'Zeta kiosk rollout' : `Deal ${i + 1}` }));
const dealsApi = (c: { query: Record<string, string> }) => {
  const matching = c.query.q ? manyDeals.filter((d) => d.name.toLowerCase().includes(c.query.q.toLowerCase())) : manyDeals;
  const start = Number(c.query.cursor ?? 0);
  const limit = Number(c.query.limit ?? 50);
  const next = start + limit < matching.length ? String(start + limit) : null;
  return page(matching.slice(start, start + limit), next);
};

describe('TasksPage', () => {
  it('filters by status through the URL', async () => {
    const api = mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/tasks': (c) => page(c.query.status === 'done' ? [task('t2', 'Send invoice', { status: 'done' })] : [task('t1', 'Call Acme')]) });
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
      ...noCustomFields,
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
    const api = mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/tasks': page([task('t1', 'Call Acme')]), 'PATCH /api/v1/tasks/:id': { body: task('t1', 'Call Acme', { status: 'in_progress', version: 2 }) } });
    signIn();
    renderApp('/tasks');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Status of Call Acme' }), { target: { value: 'in_progress' } });
    expect(await screen.findByText('"Call Acme" is now in progress')).toBeTruthy();
    const patch = api.callsTo('PATCH', '/api/v1/tasks/t1')[0];
    expect(patch.body).toEqual({ status: 'in_progress' });
    expect(patch.headers.get('If-Match')).toBe('"1"');
  });

  it('offers no bulk assignment to sales', async () => {
    mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/tasks': page([task('t1', 'Call Acme')]) });
    signIn(makeUser('sales'));
    renderApp('/tasks');
    await screen.findByText('Call Acme');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('pages the deal lookup to its end and picks a deal by typing part of its name (the 1,001st of 1,001)', async () => {
    const api = mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/deals': dealsApi, 'GET /api/v1/tasks': page([task('t1', 'Call Acme', { deal_id: 'd1001' })]), 'POST /api/v1/tasks': { status: 201, body: task('t9', 'Ship the kiosk', { deal_id: 'd1001' }) } });
    signIn();
    renderApp('/tasks');
    // The list names the task's deal although it is on the lookup's last page.
    expect(await screen.findByRole('link', { name: 'Zeta kiosk rollout' })).toBeTruthy();
    const lookups = api.callsTo('GET', '/api/v1/deals').filter((c) => !c.query.q);
    expect(lookups.map((c) => c.query.cursor ?? '')).toEqual(['', '200', '400', '600', '800', '1000']);

    fireEvent.click(screen.getAllByRole('button', { name: 'New task' })[0]);
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Ship the kiosk' } });
    const picker = within(dialog).getByRole('combobox', { name: 'Deal' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'zeta' } });
    const option = await within(dialog).findByRole('option', { name: 'Zeta kiosk rollout' });
    expect(api.calls.some((c) => c.path === '/api/v1/deals' && c.query.q === 'zeta' && c.query.limit === '20')).toBe(true);
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    expect(picker.getAttribute('aria-activedescendant')).toBe(option.id);
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(within(dialog).queryByRole('listbox')).toBeNull();
    expect((picker as HTMLInputElement).value).toBe('Zeta kiosk rollout');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create task' }));

    expect(await screen.findByText('Task "Ship the kiosk" created')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/tasks')[0].body).toMatchObject({ title: 'Ship the kiosk', deal_id: 'd1001' });
  });

  it('closes the deal picker on Escape, leaving the choice and the dialog as they were', async () => {
    mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/deals': dealsApi, 'GET /api/v1/tasks': page([]) });
    signIn();
    renderApp('/tasks');
    fireEvent.click((await screen.findAllByRole('button', { name: 'New task' }))[0]);
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    const picker = await within(dialog).findByRole('combobox', { name: 'Deal' });
    fireEvent.focus(picker);
    expect(picker.getAttribute('aria-expanded')).toBe('true');
    await within(dialog).findByRole('option', { name: 'Deal 1' });
    fireEvent.keyDown(picker, { key: 'Escape' });
    expect(picker.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('dialog', { name: 'New task' })).toBe(dialog);
    expect((dialog.querySelector('input[name="deal_id"]') as HTMLInputElement).value).toBe('');
  });
});
