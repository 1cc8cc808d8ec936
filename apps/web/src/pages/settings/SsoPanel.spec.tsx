import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';
import { parseDomains } from './SsoPanel';

const config = {
  id: '6f1c2a52-7d1e-4c1b-9a5e-0b7e4c1d2e3f',
  slug: 'acme',
  issuer_url: 'https://login.acme.test',
  client_id: 'clockwork-web',
  client_secret_set: true,
  allowed_domains: ['acme.test', 'acme.de'],
  default_role: 'sales',
  enabled: true,
  redirect_uri: 'http://api.test/api/v1/auth/sso/callback',
  login_url: 'http://api.test/api/v1/auth/sso/acme/start',
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-01T10:00:00.000Z',
};
const notConfigured = { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'No SSO configured' } };

const form = () => screen.findByRole('form', { name: 'Single sign-on' });

describe('Settings: single sign-on', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the stored provider without its secret, copies the login URL and saves the changes', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/sso/config': { body: config },
      'PUT /api/v1/sso/config': (call) => ({ body: { ...config, ...(call.body as object), client_secret_set: true, updated_at: '2026-12-02T10:00:00.000Z' } }),
    });
    signIn();
    renderApp('/settings?tab=sso');
    const f = await form();
    expect(screen.getByRole('tab', { name: 'Single sign-on', selected: true })).toBeTruthy();
    expect((within(f).getByLabelText('Issuer URL') as HTMLInputElement).value).toBe('https://login.acme.test');
    expect((within(f).getByLabelText('Client ID') as HTMLInputElement).value).toBe('clockwork-web');
    expect((within(f).getByLabelText('Slug') as HTMLInputElement).value).toBe('acme');
    expect((within(f).getByLabelText('Allowed email domains') as HTMLInputElement).value).toBe('acme.test, acme.de');
    expect((within(f).getByLabelText('Role of new users') as HTMLSelectElement).value).toBe('sales');
    expect((within(f).getByLabelText('Allow signing in with single sign-on') as HTMLInputElement).checked).toBe(true);
    // The secret is only said to be set: no field holds it.
    expect(within(f).getByText('Set')).toBeTruthy();
    expect(within(f).queryByLabelText('Client secret')).toBeNull();
    expect(screen.getByText('Single sign-on is on.')).toBeTruthy();

    const loginUrl = screen.getByLabelText('Login URL') as HTMLInputElement;
    expect(loginUrl.value).toBe('http://api.test/api/v1/auth/sso/acme/start');
    expect(loginUrl.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Copy login url' }));
    expect(writeText).toHaveBeenCalledWith('http://api.test/api/v1/auth/sso/acme/start');
    expect(await screen.findByText('Login URL copied')).toBeTruthy();
    expect((screen.getByLabelText('Redirect URI') as HTMLInputElement).value).toBe('http://api.test/api/v1/auth/sso/callback');

    fireEvent.change(within(f).getByLabelText('Allowed email domains'), { target: { value: 'acme.test,  ACME.de acme.fr' } });
    fireEvent.change(within(f).getByLabelText('Role of new users'), { target: { value: 'support' } });
    fireEvent.click(within(f).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Single sign-on saved')).toBeTruthy();
    // An untouched secret is not sent: the API keeps the stored one.
    expect(api.callsTo('PUT', '/api/v1/sso/config')[0].body).toEqual({
      issuer_url: 'https://login.acme.test',
      client_id: 'clockwork-web',
      allowed_domains: ['acme.test', 'acme.de', 'acme.fr'],
      default_role: 'support',
      enabled: true,
      slug: 'acme',
    });

    // Replacing the secret asks for a new one and sends it.
    fireEvent.click(within(await form()).getByRole('button', { name: 'Replace secret' }));
    fireEvent.change(within(await form()).getByLabelText('Client secret'), { target: { value: 'n3w-s3cret' } });
    fireEvent.click(within(await form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/v1/sso/config')).toHaveLength(2));
    expect((api.callsTo('PUT', '/api/v1/sso/config')[1].body as { client_secret?: string }).client_secret).toBe('n3w-s3cret');
  });

  it('offers to set it up when none is configured, and falls back to the organization id in the login URL', async () => {
    const saved = { ...config, slug: null, enabled: false };
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/sso/config': notConfigured, 'PUT /api/v1/sso/config': { body: saved } });
    signIn();
    renderApp('/settings?tab=sso');
    const f = await form();
    expect(screen.getByText('Single sign-on is not set up')).toBeTruthy();
    expect(screen.queryByLabelText('Login URL')).toBeNull();
    expect((within(f).getByLabelText('Client secret') as HTMLInputElement).type).toBe('password');
    fireEvent.change(within(f).getByLabelText('Issuer URL'), { target: { value: 'https://login.acme.test' } });
    fireEvent.change(within(f).getByLabelText('Client ID'), { target: { value: 'clockwork-web' } });
    fireEvent.change(within(f).getByLabelText('Client secret'), { target: { value: 's3cret' } });
    fireEvent.change(within(f).getByLabelText('Allowed email domains'), { target: { value: 'acme.test' } });
    fireEvent.click(within(f).getByLabelText('Allow signing in with single sign-on'));
    fireEvent.click(within(f).getByRole('button', { name: 'Set up single sign-on' }));

    expect(await screen.findByText('Single sign-on is off: nobody can sign in with it.')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/v1/sso/config')[0].body).toEqual({
      issuer_url: 'https://login.acme.test',
      client_id: 'clockwork-web',
      client_secret: 's3cret',
      allowed_domains: ['acme.test'],
      default_role: 'sales',
      enabled: false,
      slug: null,
    });
    expect((screen.getByLabelText('Login URL') as HTMLInputElement).value).toBe(`http://api.test/api/v1/auth/sso/${config.id}/start`);
  });

  it('shows the API validation errors beside their fields, and a taken slug beside the slug', async () => {
    const details = [
      { field: 'issuer_url', errors: ['issuer_url must be a URL address'] },
      { field: 'allowed_domains.1', errors: ['each value in allowed_domains must be a domain'] },
    ];
    let attempt = 0;
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/sso/config': { body: config },
      'PUT /api/v1/sso/config': () =>
        ++attempt === 1
          ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details } }
          : { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The slug acme is taken' } },
    });
    signIn();
    renderApp('/settings?tab=sso');
    const f = await form();
    fireEvent.click(within(f).getByRole('button', { name: 'Save' }));
    await within(f).findByText('issuer_url must be a URL address');
    const issuer = within(f).getByLabelText('Issuer URL');
    expect(issuer.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(issuer.getAttribute('aria-describedby') ?? '')?.textContent).toBe('issuer_url must be a URL address');
    const domains = within(f).getByLabelText('Allowed email domains');
    expect(document.getElementById(domains.getAttribute('aria-describedby') ?? '')?.textContent).toBe('each value in allowed_domains must be a domain');
    expect(within(f).getByRole('alert').textContent).toContain('Please correct the highlighted fields.');

    fireEvent.click(within(f).getByRole('button', { name: 'Save' }));
    await within(f).findByText('The slug acme is taken');
    expect(within(f).getByLabelText('Slug').getAttribute('aria-invalid')).toBe('true');
    expect(within(f).queryByRole('alert')).toBeNull();
  });

  it('says so when the configuration cannot be loaded, and retries', async () => {
    let attempt = 0;
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/sso/config': () => (++attempt === 1 ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'The database is unavailable' } } : { body: config }),
    });
    signIn();
    renderApp('/settings?tab=sso');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load this');
    expect(alert.textContent).toContain('The database is unavailable');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await form()).toBeTruthy();
  });

  it('is not offered to managers', async () => {
    const manager = makeUser('manager');
    mockApi({ ...shellRoutes({ users: [makeUser('admin'), manager] }), 'GET /api/v1/time-entries/unlinked-employees': page([]), 'GET /api/v1/users/invitations': { body: { data: [] } } });
    signIn(manager);
    renderApp('/settings?tab=sso');
    await screen.findByRole('tab', { name: 'Users and roles' });
    expect(screen.queryByRole('tab', { name: 'Single sign-on' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Single sign-on' })).toBeNull();
  });

  it('reads the allowed domains from commas, spaces or lines', () => {
    expect(parseDomains(' Acme.test, acme.de;\nacme.fr  ')).toEqual(['acme.test', 'acme.de', 'acme.fr']);
    expect(parseDomains('  ')).toEqual([]);
  });
});
