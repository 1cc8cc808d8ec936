import type { SavedViewDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const sales = makeUser('sales');
const view = (id: string, over: Partial<SavedViewDto> = {}): SavedViewDto => ({
  id,
  list: 'contacts',
  name: `View ${id}`,
  filters: {},
  sort: null,
  columns: null,
  visibility: 'private',
  owner_id: sales.id,
  is_default: false,
  editable: true,
  created_at: '2026-05-01T10:00:00Z',
  updated_at: '2026-05-01T10:00:00Z',
  ...over,
});
const contact = { id: 'c1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme.test', phone: null, job_title: null, account_id: null, owner_id: null, tags: [], metadata: {}, version: 1, created_at: '2026-05-01T10:00:00Z', updated_at: '2026-05-01T10:00:00Z' };
const params = () => new URLSearchParams(currentLocation().split('?')[1] ?? '');

describe('SavedViewsMenu on a list page', () => {
  it('opens the default view when the address has no filters, with its filters and columns in the URL', async () => {
    const api = mockApi({
      ...shellRoutes({ users: [sales] }),
      'GET /api/v1/contacts': page([contact]),
      'GET /api/v1/saved-views': { body: { data: [view('v1', { name: 'Acme people', filters: { q: 'acme' }, columns: ['email', 'owner'], is_default: true })] } },
    });
    signIn(sales);
    renderApp('/contacts');
    await waitFor(() => expect(params().get('view')).toBe('v1'));
    expect(params().get('q')).toBe('acme');
    expect(params().get('columns')).toBe('email,owner');
    expect(api.callsTo('GET', '/api/v1/saved-views')[0].query).toEqual({ list: 'contacts' });
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/contacts' && c.query.q === 'acme')).toBe(true));
    const table = await screen.findByRole('table', { name: 'Contacts' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['', 'Name', 'Email', 'Owner']); // the first: the bulk-edit selection column
    expect(screen.getByRole('button', { name: 'View: Acme people' })).toBeTruthy();
  });

  it('does not replace filters a link brings, and expands a link with only ?view=', async () => {
    mockApi({ ...shellRoutes({ users: [sales] }), 'GET /api/v1/contacts': page([contact]), 'GET /api/v1/saved-views': { body: { data: [view('v1', { filters: { q: 'acme' }, is_default: true }), view('v2', { filters: { owner_id: sales.id } })] } } });
    signIn(sales);
    const first = renderApp('/contacts?q=ada');
    await screen.findByRole('table', { name: 'Contacts' });
    await screen.findByRole('button', { name: 'Views' });
    expect(currentLocation()).toBe('/contacts?q=ada');
    first.unmount();
    renderApp('/contacts?view=v2');
    await waitFor(() => expect(params().get('owner_id')).toBe(sales.id));
    expect(params().get('view')).toBe('v2');
  });

  it('expands a link with only ?view= to its custom field filters before the field definitions are known', async () => {
    // The views answer first and no definition is known: the view's cf.<key> filter must still reach the address and the list request.
    const api = mockApi({
      ...shellRoutes({ users: [sales] }),
      'GET /api/v1/contacts': page([contact]),
      'GET /api/v1/custom-fields': { body: { data: [] } },
      'GET /api/v1/saved-views': { body: { data: [view('v3', { filters: { 'cf.region': 'North', q: 'ada' } })] } },
    });
    signIn(sales);
    renderApp('/contacts?view=v3');
    await waitFor(() => expect(params().get('cf.region')).toBe('North'));
    expect(params().get('q')).toBe('ada');
    expect(params().get('view')).toBe('v3');
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/contacts' && c.query['cf.region'] === 'North')).toBe(true));
  });

  it('saves the current filters and columns as a shared view, and applies it', async () => {
    const api = mockApi({
      ...shellRoutes({ users: [sales] }),
      'GET /api/v1/contacts': page([contact]),
      'GET /api/v1/saved-views': (_c, calls) => ({ body: { data: calls.some((c) => c.method === 'POST') ? [view('v9', { name: 'Ada only', filters: { q: 'ada' }, visibility: 'organization' })] : [] } }),
      'POST /api/v1/saved-views': (call) => ({ status: 201, body: view('v9', call.body as Partial<SavedViewDto>) }),
    });
    signIn(sales);
    renderApp('/contacts?q=ada');
    await screen.findByRole('table', { name: 'Contacts' });
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tags' }));
    await waitFor(() => expect(params().get('columns')).toBe('email,account,owner'));
    expect(within(screen.getByRole('table', { name: 'Contacts' })).queryByRole('columnheader', { name: 'Tags' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    const menu = screen.getByRole('region', { name: 'Saved views' });
    expect(await within(menu).findByText('No saved views yet.')).toBeTruthy();
    fireEvent.change(within(menu).getByLabelText('Save current as…'), { target: { value: 'Ada only' } });
    fireEvent.click(within(menu).getByRole('checkbox', { name: 'Share with the organization' }));
    fireEvent.click(within(menu).getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(params().get('view')).toBe('v9'));
    expect(api.callsTo('POST', '/api/v1/saved-views')[0].body).toEqual({ list: 'contacts', name: 'Ada only', filters: { q: 'ada' }, columns: ['email', 'account', 'owner'], visibility: 'organization' });
    expect(await screen.findByRole('button', { name: 'View: Ada only' })).toBeTruthy();
  });

  it('makes the applied view the default, renames it and shows an error with a retry when views cannot load', async () => {
    let fail = true;
    const api = mockApi({
      ...shellRoutes({ users: [sales] }),
      'GET /api/v1/contacts': page([contact]),
      'GET /api/v1/saved-views': () => (fail ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } } : { body: { data: [view('v1', { name: 'Mine' })] } }),
      'PUT /api/v1/saved-views/:id/default': { body: view('v1', { name: 'Mine', is_default: true }) },
      'PATCH /api/v1/saved-views/:id': (call) => ({ body: view('v1', call.body as Partial<SavedViewDto>) }),
    });
    signIn(sales);
    renderApp('/contacts?view=v1&q=x');
    fireEvent.click(await screen.findByRole('button', { name: 'Views' }));
    const alert = await within(screen.getByRole('region', { name: 'Saved views' })).findByRole('alert');
    expect(alert.textContent).toContain('Database unavailable');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    const actions = await screen.findByRole('group', { name: 'Actions of Mine' });
    fireEvent.click(within(actions).getByRole('button', { name: 'Make default' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/v1/saved-views/v1/default')).toHaveLength(1));
    fireEvent.click(within(actions).getByRole('button', { name: 'Rename' }));
    fireEvent.change(within(actions).getByLabelText('New name'), { target: { value: 'Renamed' } });
    fireEvent.click(within(actions).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/saved-views/v1')[0]?.body).toEqual({ name: 'Renamed' }));
  });
});
