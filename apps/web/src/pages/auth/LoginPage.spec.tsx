import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../../api/session';
import { browserNavigation } from '../../api/sso-start';
import { makeUser, mockApi, page, shellRoutes } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';
import { safeNext } from './LoginPage';

const tokens = { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, user: makeUser('manager'), organization: { id: 'o', name: 'Acme', created_at: '2026-01-01T00:00:00Z' } };

describe('sign in and sign up', () => {
  afterEach(() => vi.restoreAllMocks());

  it('signs in, keeps the session for reloads and returns to the page that asked', async () => {
    const api = mockApi({ ...shellRoutes(), 'POST /api/v1/auth/login': { body: tokens }, 'GET /api/v1/tasks': page([]) });
    renderApp(`/login?next=${encodeURIComponent('/tasks?status=todo')}`);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'manager@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Tasks' })).toBeTruthy();
    expect(currentLocation()).toBe('/tasks?status=todo');
    expect(api.callsTo('POST', '/api/v1/auth/login')[0].body).toEqual({ email: 'manager@acme.test', password: 'correct horse battery' });
    expect(JSON.parse(localStorage.getItem('clockwork.session') ?? '{}').user.role).toBe('manager');
  });

  it('shows the API message when the credentials are wrong', async () => {
    mockApi({ ...shellRoutes(), 'POST /api/v1/auth/login': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password' } } });
    renderApp('/login');
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'x@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong email or password');
    expect(sessionStore.get()).toBeNull();
  });

  it('shows each field error of a refused sign-up beside its field', async () => {
    const details = [
      { field: 'email', errors: ['email must be an email'] },
      { field: 'password', errors: ['password must be longer than or equal to 10 characters'] },
    ];
    mockApi({ ...shellRoutes(), 'POST /api/v1/auth/signup': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details } } });
    renderApp('/signup');
    fireEvent.click(await screen.findByRole('button', { name: 'Create organization' }));

    const email = await screen.findByLabelText('Work email');
    await screen.findByText('email must be an email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe('email must be an email');
    expect(screen.getByText('password must be longer than or equal to 10 characters')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.');
  });

  it('sends the browser to the organization\'s SSO start on the API (a page load, not a fetch)', async () => {
    const api = mockApi({ ...shellRoutes() });
    const assign = vi.spyOn(browserNavigation, 'assign').mockImplementation(() => undefined);
    renderApp('/login');
    const sso = await screen.findByRole('form', { name: 'Sign in with SSO' });
    fireEvent.click(within(sso).getByRole('button', { name: 'Sign in with SSO' }));
    expect(within(sso).getByText('Enter your organization’s slug or ID.')).toBeTruthy();
    expect(within(sso).getByLabelText('Organization').getAttribute('aria-invalid')).toBe('true');
    expect(assign).not.toHaveBeenCalled();

    fireEvent.change(within(sso).getByLabelText('Organization'), { target: { value: ' acme ' } });
    fireEvent.click(within(sso).getByRole('button', { name: 'Sign in with SSO' }));
    // The API base of the app's client (the page's own origin in production; here the mock's).
    expect(assign).toHaveBeenCalledWith('http://api.test/api/v1/auth/sso/acme/start');
    expect(api.calls).toHaveLength(0);
    expect(within(sso).queryByText('Enter your organization’s slug or ID.')).toBeNull();
  });

  it('only follows "next" to pages of this app', () => {
    expect(safeNext('/deals')).toBe('/deals');
    expect(safeNext('//evil.test')).toBe('/');
    expect(safeNext('https://evil.test')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
