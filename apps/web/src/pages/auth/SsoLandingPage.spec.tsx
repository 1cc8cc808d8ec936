import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '../../api/session';
import { dashboardRoutes, makeUser, mockApi } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const tokens = { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, user: makeUser('support'), organization: { id: 'o', name: 'Acme', created_at: '2026-01-01T00:00:00Z' } };

describe('SSO landing', () => {
  it('takes the one-time code out of the address, exchanges it once by POST and signs in', async () => {
    const api = mockApi({ ...dashboardRoutes(), 'POST /api/v1/auth/sso/exchange': { body: tokens } });
    renderApp('/sso#code=one-time-code-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    expect(currentLocation()).toBe('/');
    const posts = api.callsTo('POST', '/api/v1/auth/sso/exchange');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({ code: 'one-time-code-1' });
    expect(posts[0].query).toEqual({});
    expect(sessionStore.get()?.user.role).toBe('support');
  });

  it('says so clearly when the code expired or was used, and offers to sign in again', async () => {
    mockApi({ 'POST /api/v1/auth/sso/exchange': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'code is unknown, expired or already used: sign in again' } } });
    renderApp('/sso#code=spent-code');
    expect((await screen.findByRole('alert')).textContent).toMatch(/expired or was already used/);
    await waitFor(() => expect(currentLocation()).toBe('/sso'));
    expect(sessionStore.get()).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/login');
  });

  it('explains a failed sign-in the api sent here by its code, in the app\'s own words', async () => {
    const api = mockApi();
    renderApp('/sso#error=other_browser');
    expect((await screen.findByRole('alert')).textContent).toMatch(/started in another browser/);
    await waitFor(() => expect(currentLocation()).toBe('/sso'));
    expect(api.callsTo('POST', '/api/v1/auth/sso/exchange')).toHaveLength(0);
  });

  it('never shows text taken from the address', async () => {
    mockApi();
    renderApp(`/sso#error=${encodeURIComponent('Call +1 555 0100 to restore your account')}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/555/);
    expect(alert.textContent).toMatch(/could not be completed/);
  });

  it('refuses a landing without a code without calling the API', async () => {
    const api = mockApi();
    renderApp('/sso');
    expect((await screen.findByRole('alert')).textContent).toMatch(/incomplete/);
    expect(api.callsTo('POST', '/api/v1/auth/sso/exchange')).toHaveLength(0);
  });
});
