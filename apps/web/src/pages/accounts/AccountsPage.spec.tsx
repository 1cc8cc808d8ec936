import type { AccountDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

/** The forms ask for the organization's custom fields (none here). */
const noCustomFields = { 'GET /api/v1/custom-fields': { body: { data: [] } } };

const account = (name: string, extra: Partial<AccountDto> = {}): AccountDto => ({
  id: `a-${name}`,
  name,
  industry: 'Consulting',
  address: null,
  phone: null,
  website: null,
  domain: `${name.toLowerCase()}.test`,
  primary_contact_id: null,
  owner_id: null,
  metadata: {},
  version: 1,
  created_at: '2026-02-01T10:00:00Z',
  updated_at: '2026-02-01T10:00:00Z',
  custom_fields: {},
  ...extra,
});

describe('AccountsPage', { timeout: 20_000 }, () => {
  it('lists accounts and keeps the search in the URL and in the API call', async () => {
    const api = mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/accounts': (call) => page(call.query.q ? [account('Globex')] : [account('Acme'), account('Globex')]) });
    signIn();
    renderApp('/accounts');
    const table = await screen.findByRole('table', { name: 'Accounts' });
    expect(within(table).getAllByRole('link').map((a) => a.textContent)).toEqual(['Acme', 'Globex']);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search accounts' }), { target: { value: 'glo' } });
    await waitFor(() => expect(currentLocation()).toBe('/accounts?q=glo'));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Accounts' })).getAllByRole('link').map((a) => a.textContent)).toEqual(['Globex']));
    expect(api.calls.some((c) => c.path === '/api/v1/accounts' && c.query.q === 'glo' && c.query.limit === '50')).toBe(true);
  });

  it('reads the filters from the URL on load', async () => {
    const api = mockApi({ ...shellRoutes(), ...noCustomFields });
    signIn();
    renderApp('/accounts?industry=Retail');
    expect(await screen.findByText('No account matches these filters')).toBeTruthy();
    expect(api.calls.find((c) => c.path === '/api/v1/accounts' && c.query.industry)?.query.industry).toBe('Retail');
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    await waitFor(() => expect(currentLocation()).toBe('/accounts'));
    expect(await screen.findByText('No accounts yet')).toBeTruthy();
  });

  it('shows an error with a retry that recovers', async () => {
    let fail = true;
    mockApi({ ...shellRoutes(), ...noCustomFields, 'GET /api/v1/accounts': () => (fail ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } } : page([account('Acme')])) });
    signIn();
    renderApp('/accounts');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Database unavailable');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Acme' })).toBeTruthy();
  });

  it('shows the API field errors of a refused new account, then opens the created one', async () => {
    let attempts = 0;
    const api = mockApi({
      ...shellRoutes(),
      ...noCustomFields,
      'POST /api/v1/accounts': (call) =>
        ++attempts === 1
          ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'website', errors: ['website must be a URL address'] }] } }
          : { status: 201, body: account((call.body as { name: string }).name, { id: 'new-id' }) },
      'GET /api/v1/accounts/:id': { body: account('Initech', { id: 'new-id' }) },
      // The new account's page: its (empty) contacts, time, margin, notes, files and timeline.
      'GET /api/v1/contacts': page([]),
      'GET /api/v1/reports/profitability': { body: { filters: {}, group: 'account', rows: [], totals: [] } },
      'GET /api/v1/time-entries': page([]),
      'GET /api/v1/notes': page([]),
      'GET /api/v1/attachments': page([]),
      'GET /api/v1/accounts/:id/timeline': page([]),
      'GET /api/v1/insights/churn-risk': { body: { data: [], next_cursor: null } },
    });
    signIn();
    renderApp('/accounts');
    fireEvent.click((await screen.findAllByRole('button', { name: 'New account' }))[0]);
    const dialog = screen.getByRole('dialog', { name: 'New account' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Initech' } });
    fireEvent.change(within(dialog).getByLabelText('Website'), { target: { value: 'not a url' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create account' }));

    expect(await within(dialog).findByText('website must be a URL address')).toBeTruthy();
    expect(within(dialog).getByLabelText('Website').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('POST', '/api/v1/accounts')[0].body).toMatchObject({ name: 'Initech', website: 'not a url', industry: null });

    fireEvent.change(within(dialog).getByLabelText('Website'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create account' }));
    // The account page is a lazy route: its chunk may take a while on a busy machine.
    expect(await screen.findByRole('heading', { level: 1, name: 'Initech' }, { timeout: 5000 })).toBeTruthy();
    expect(currentLocation()).toBe('/accounts/new-id');
    expect(await screen.findByText('Initech created')).toBeTruthy();
  });
});
