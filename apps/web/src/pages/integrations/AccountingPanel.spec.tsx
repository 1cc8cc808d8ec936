import type { AccountingConnectionDto, AccountingPushDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const stamp = '2026-04-01T10:00:00.000Z';
const BASE = '/api/v1/integrations/generic-oauth';
const connection: AccountingConnectionDto = {
  provider: 'generic-oauth',
  status: 'connected',
  authorize_url: 'https://books.example/authorize',
  token_url: 'https://books.example/token',
  api_url: 'https://books.example/api',
  revoke_url: null,
  client_id: 'clockwork',
  scopes: '',
  token_expires_at: '2026-04-01T11:00:00.000Z',
  connected_at: stamp,
  connected_by: 'u1',
  last_error: null,
};
const push = (over: Partial<AccountingPushDto>): AccountingPushDto => ({
  id: 'p1',
  invoice_id: 'i1',
  invoice_number: 'INV-2026-0001',
  state: 'succeeded',
  attempts: 3,
  attempt_log: [],
  last_error: null,
  external_id: 'BK-1',
  external_status: 'paid',
  paid_read_at: stamp,
  created_at: stamp,
  updated_at: stamp,
  ...over,
});
const notFound = { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'No generic-oauth accounting connection' } };

describe('Integrations: accounting', () => {
  it('shows the empty state, and connecting sends the browser to the authorization URL the api answers', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const api = mockApi({ ...shellRoutes(), [`GET ${BASE}/connection`]: notFound, [`POST ${BASE}/oauth`]: { status: 201, body: { authorize_url: 'https://books.example/authorize?state=s' } } });
    signIn();
    renderApp('/integrations?tab=accounting');
    expect(await screen.findByText('No accounting system connected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect accounting' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect an accounting system' });
    const values: Record<string, string> = { 'Authorization URL': 'https://books.example/authorize', 'Token URL': 'https://books.example/token', 'API URL': 'https://books.example/api', 'Client ID': 'clockwork', 'Client secret': 's3cret' };
    for (const [label, value] of Object.entries(values)) fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://books.example/authorize?state=s'));
    expect(api.callsTo('POST', `${BASE}/oauth`)[0].body).toEqual({ authorize_url: values['Authorization URL'], token_url: values['Token URL'], api_url: values['API URL'], revoke_url: null, client_id: 'clockwork', client_secret: 's3cret' });
    vi.unstubAllGlobals();
  }, 20_000);

  it("shows the api's field error of a refused connect", async () => {
    mockApi({
      ...shellRoutes(),
      [`GET ${BASE}/connection`]: notFound,
      [`POST ${BASE}/oauth`]: { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'token_url', errors: ['token_url must be an http(s) URL'] }] } },
    });
    signIn();
    renderApp('/integrations?tab=accounting');
    fireEvent.click(await screen.findByRole('button', { name: 'Connect accounting' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect an accounting system' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByText('token_url must be an http(s) URL')).toBeTruthy();
  }, 20_000);

  it('lands on the tab after the provider redirect, shows the connection and its push log, and disconnects after confirming', async () => {
    let connected = true;
    const api = mockApi({
      ...shellRoutes(),
      [`GET ${BASE}/connection`]: () => (connected ? { body: connection } : notFound),
      [`GET ${BASE}/pushes`]: { body: { data: [push({}), push({ id: 'p2', invoice_number: 'INV-2026-0002', state: 'failed', attempts: 6, last_error: 'push invoice: HTTP 422 bad tax', external_id: null, external_status: null })] } },
      [`DELETE ${BASE}/connection`]: () => ((connected = false), { status: 204 }),
    });
    signIn();
    renderApp('/integrations?accounting=connected');
    expect(await screen.findByText(/The accounting system is connected/)).toBeTruthy();
    const log = await screen.findByRole('table', { name: 'Push log' });
    const rows = within(log).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['INV-2026-0001', 'succeeded', '3', '—', 'BK-1 (paid)'],
      ['INV-2026-0002', 'failed', '6', 'push invoice: HTTP 422 bad tax', '—'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Disconnect the accounting system?' })).getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText('No accounting system connected')).toBeTruthy();
    expect(api.callsTo('DELETE', `${BASE}/connection`)).toHaveLength(1);
  }, 20_000);

  it('shows why a connect failed when the provider redirect comes back with an error', async () => {
    mockApi({ ...shellRoutes(), [`GET ${BASE}/connection`]: notFound });
    signIn();
    renderApp('/integrations?accounting_error=This%20connect%20was%20started%20in%20another%20browser');
    expect(await screen.findByText('The connection failed: This connect was started in another browser')).toBeTruthy();
    expect(await screen.findByText('No accounting system connected')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Accounting', selected: true })).toBeTruthy();
  }, 20_000);
});
