import type { AuditLogDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const ACCOUNT_ID = '11111111-1111-4111-8111-111111111111';
const CONTACT_ID = '22222222-2222-4222-8222-222222222222';
const bob = makeUser('sales', { id: '33333333-3333-4333-8333-333333333333', name: 'Bob Sales' });

const log = (id: string, extra: Partial<AuditLogDto> = {}): AuditLogDto => ({
  id,
  actor_type: 'user',
  actor_id: bob.id,
  action: 'update',
  object_type: 'account',
  object_id: ACCOUNT_ID,
  changes: {},
  request_id: null,
  timestamp: '2026-03-02T09:30:00Z',
  ...extra,
});

const rows = [
  log('a1', { changes: { name: { from: 'Acme', to: 'Acme Corp' }, industry: { from: null, to: 'Retail' } } }),
  log('a2', { actor_type: 'system', actor_id: null, action: 'update', object_type: 'contact', object_id: CONTACT_ID, changes: { email: { from: '[encrypted]', to: '[encrypted]' } }, timestamp: '2026-03-01T08:00:00Z' }),
  log('a3', { actor_type: 'integration', actor_id: '44444444-4444-4444-8444-444444444444', action: 'create', object_type: 'time_entry', object_id: null, timestamp: '2026-02-28T08:00:00Z' }),
];

describe('AuditLogPage', () => {
  it('lists audit events newest first with who, action and a link to the record', async () => {
    const api = mockApi({ ...shellRoutes({ users: [bob] }), 'GET /api/v1/audit-logs': page(rows) });
    signIn(makeUser('manager'));
    renderApp('/audit-log');
    const table = await screen.findByRole('table', { name: 'Audit events' });
    await waitFor(() => expect(within(table).getAllByText('Bob Sales').length).toBeGreaterThan(0));
    const body = within(table).getAllByRole('row').slice(1);
    expect(body[0].textContent).toContain('Account');
    expect(body[1].textContent).toContain('System');
    expect(body[2].textContent).toContain('Integration');
    expect(body[2].textContent).toContain('Time entry');
    expect(within(body[0]).getByRole('link', { name: /^Account 11111111/ }).getAttribute('href')).toBe(`/accounts/${ACCOUNT_ID}`);
    expect(within(body[1]).getByRole('link', { name: /^Contact 22222222/ }).getAttribute('href')).toBe(`/contacts/${CONTACT_ID}`);
    expect(within(body[2]).queryByRole('link')).toBeNull();
    expect(api.callsTo('GET', '/api/v1/audit-logs')[0].query.limit).toBe('50');
  });

  it('shows the changes of an event before → after, encrypted values as such', async () => {
    mockApi({ ...shellRoutes({ users: [bob] }), 'GET /api/v1/audit-logs': page(rows) });
    signIn();
    renderApp('/audit-log');
    const toggle = await screen.findByRole('button', { name: 'Show 2 changes: Update account by Bob Sales' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide 2 changes: Update account by Bob Sales' }).getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '') as HTMLElement;
    const fields = [...panel.querySelectorAll('dl > div')].map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim()]);
    expect(fields).toEqual([
      ['Name', 'from Acme to Acme Corp'],
      ['Industry', 'from empty to Retail'],
    ]);

    fireEvent.click(screen.getByRole('button', { name: /^Show \d+ changes?: Update contact by System$/ }));
    expect(screen.getAllByText('encrypted')).toHaveLength(2);
    expect(screen.queryByText('[encrypted]')).toBeNull();
  });

  it('keeps filters in the address and sends them to the api', async () => {
    const api = mockApi({ ...shellRoutes({ users: [bob] }), 'GET /api/v1/audit-logs': page(rows) });
    signIn();
    renderApp('/audit-log?action=update');
    await screen.findByRole('table', { name: 'Audit events' });
    expect(api.callsTo('GET', '/api/v1/audit-logs')[0].query.action).toBe('update');
    expect((screen.getByLabelText('Action') as HTMLSelectElement).value).toBe('update');

    fireEvent.change(screen.getByLabelText('Object type'), { target: { value: 'deal' } });
    await waitFor(() => expect(currentLocation()).toContain('object_type=deal'));
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/audit-logs').some((c) => c.query.object_type === 'deal' && c.query.action === 'update')).toBe(true));

    await waitFor(() => expect(screen.getByRole('option', { name: 'Bob Sales' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: bob.id } });
    await waitFor(() => expect(currentLocation()).toContain(`actor_id=${bob.id}`));

    const objectId = screen.getByLabelText('Object ID');
    fireEvent.change(objectId, { target: { value: 'not-an-id' } });
    expect(screen.getByText('Enter a record ID (a UUID).')).toBeTruthy();
    expect(objectId.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(objectId, { target: { value: ACCOUNT_ID } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/audit-logs').some((c) => c.query.object_id === ACCOUNT_ID)).toBe(true));
    expect(currentLocation()).toContain(`object_id=${ACCOUNT_ID}`);
  });

  it('loads the next page with the cursor', async () => {
    const api = mockApi({
      ...shellRoutes({ users: [bob] }),
      'GET /api/v1/audit-logs': (c) => (c.query.cursor === 'next-1' ? page([log('b1', { object_type: 'deal', action: 'delete' })]) : page(rows, 'next-1')),
    });
    signIn();
    renderApp('/audit-log');
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Audit events' }).textContent).toContain('Deal'));
    expect(api.callsTo('GET', '/api/v1/audit-logs').map((c) => c.query.cursor)).toEqual([undefined, 'next-1']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('4 rows')).toBeTruthy();
  });

  it('says when there is nothing yet, and when nothing matches the filters', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/audit-logs': page([]) });
    signIn();
    const { unmount } = renderApp('/audit-log');
    expect(await screen.findByText('No audit events yet')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /New/ })).toBeNull();
    unmount();
    renderApp('/audit-log?action=delete');
    expect(await screen.findByText('No audit event matches these filters')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    await waitFor(() => expect(currentLocation()).toBe('/audit-log'));
  });

  it('shows an error with Retry when the log cannot be read', async () => {
    let fail = true;
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/audit-logs': () => (fail ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } } : page(rows)),
    });
    signIn();
    renderApp('/audit-log');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Database unavailable');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table', { name: 'Audit events' })).toBeTruthy();
  });

  it('exports the filtered log as CSV through the api with the bearer token', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/audit-logs': (c) => (c.query.format === 'csv' ? { body: 'id,action\n' } : page(rows)) });
    const createObjectURL = vi.fn(() => 'blob:audit');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    signIn();
    renderApp('/audit-log?object_type=contact');
    await screen.findByRole('table', { name: 'Audit events' });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const exportCall = api.callsTo('GET', '/api/v1/audit-logs').find((c) => c.query.format === 'csv');
    expect(exportCall?.query.object_type).toBe('contact');
    expect(exportCall?.query.cursor).toBeUndefined();
    expect(exportCall?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });

  it('is in the navigation for admins and managers only', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/audit-logs': page([]) });
    signIn(makeUser('manager'));
    const { unmount } = renderApp('/audit-log');
    expect(await screen.findByText('No audit events yet')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Audit log' }).length).toBeGreaterThan(0);
    unmount();
    signIn(makeUser('sales'));
    renderApp('/audit-log');
    expect(await screen.findByText('This page is not available to your role')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Audit log' })).toBeNull();
  });
});
