import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '../../api/session';
import { dashboardRoutes, makeUser, mockApi } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const tokens = { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, user: makeUser('sales'), organization: { id: 'o', name: 'Acme', created_at: '2026-01-01T00:00:00Z' } };
const weak = {
  statusCode: 400,
  error: 'Bad Request',
  message: 'Validation failed: too easy to guess',
  details: [{ field: 'new_password', errors: ['new_password is too easy to guess (strength 1 of 4, at least 3 needed)', 'This is a commonly used password.'] }],
};
const refusedToken = (message: string) => ({ status: 400, body: { statusCode: 400, error: 'Bad Request', message, details: [{ field: 'token', errors: [message] }] } });

describe('forgot password', () => {
  it('is reached from the login page and shows the same "check your email" answer', async () => {
    const api = mockApi({ 'POST /api/v1/auth/password-reset': { status: 202, body: { status: 'reset_requested', message: 'If an account uses this address, we sent it a link.' } } });
    renderApp('/login');
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot password?' }));
    const send = await screen.findByRole('button', { name: 'Send reset link' });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@acme.test' } });
    fireEvent.click(send);
    expect(await screen.findByText(/If an account uses this address/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/auth/password-reset')[0].body).toEqual({ email: 'ada@acme.test' });
  });

  it('shows the field error beside the email field and a rate limit as a form error', async () => {
    mockApi({ 'POST /api/v1/auth/password-reset': { status: 429, body: { statusCode: 429, error: 'Too Many Requests', message: 'Too many requests: retry after 3600 s' } } });
    renderApp('/forgot-password');
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ada@acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect((await screen.findByRole('alert')).textContent).toContain('retry after 3600 s');
  });
});

describe('reset password (from the mailed link)', () => {
  it('sends the token of the link fragment, shows the strength feedback beside the field, then confirms', async () => {
    let attempt = 0;
    const api = mockApi({ 'POST /api/v1/auth/password-reset/confirm': () => (attempt++ === 0 ? { status: 400, body: weak } : { status: 204 }) });
    renderApp('/reset-password#token=pr_abc');
    const field = await screen.findByLabelText('New password');
    fireEvent.change(field, { target: { value: 'password123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await screen.findByText(/commonly used password/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toContain('too easy to guess');

    fireEvent.change(field, { target: { value: 'plum orbit lantern gravel 93' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('Sign in with your new password.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    expect(api.callsTo('POST', '/api/v1/auth/password-reset/confirm').map((c) => c.body)).toEqual([
      { token: 'pr_abc', new_password: 'password123' },
      { token: 'pr_abc', new_password: 'plum orbit lantern gravel 93' },
    ]);
  });

  it('explains a used or expired link and offers a new one', async () => {
    mockApi({ 'POST /api/v1/auth/password-reset/confirm': refusedToken('This reset link is invalid, expired or already used: ask for a new one') });
    renderApp('/reset-password#token=pr_old');
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: 'plum orbit lantern gravel 93' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('already used');
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
  });

  it('says so when the link has no token', async () => {
    mockApi();
    renderApp('/reset-password');
    expect((await screen.findByRole('alert')).textContent).toContain('incomplete');
  });
});

describe('accept an invitation', () => {
  it('sets the password and signs in', async () => {
    const api = mockApi({ ...dashboardRoutes(), 'POST /api/v1/auth/invitations/accept': { body: tokens } });
    renderApp('/accept-invitation#token=inv_xyz');
    fireEvent.change(await screen.findByLabelText('Password'), { target: { value: 'plum orbit lantern gravel 93' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    await waitFor(() => expect(currentLocation()).toBe('/'));
    expect(sessionStore.get()?.user.role).toBe('sales');
    expect(api.callsTo('POST', '/api/v1/auth/invitations/accept')[0].body).toEqual({ token: 'inv_xyz', password: 'plum orbit lantern gravel 93' });
  });

  it('explains a revoked invitation', async () => {
    mockApi({ 'POST /api/v1/auth/invitations/accept': refusedToken('This invitation was withdrawn: ask for a new one') });
    renderApp('/accept-invitation#token=inv_gone');
    fireEvent.change(await screen.findByLabelText('Password'), { target: { value: 'plum orbit lantern gravel 93' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('withdrawn');
    expect(sessionStore.get()).toBeNull();
  });
});

describe('signup with email verification', () => {
  it('shows "check your email" when the API answers 202, without signing in', async () => {
    mockApi({ 'POST /api/v1/auth/signup': { status: 202, body: { status: 'verification_sent', message: 'Check your email' } } });
    renderApp('/signup');
    fireEvent.change(await screen.findByLabelText('Organization'), { target: { value: 'Acme' } });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ada' } });
    fireEvent.change(screen.getByLabelText('Work email'), { target: { value: 'ada@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'plum orbit lantern gravel 93' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create organization' }));
    expect((await screen.findByText(/We sent a link to/)).textContent).toContain('ada@acme.test');
    expect(screen.getByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(sessionStore.get()).toBeNull();
  });

  it('verifies on the landing page with one press and signs in; a used link is explained', async () => {
    const api = mockApi({ ...dashboardRoutes(), 'POST /api/v1/auth/verify-email': { body: { ...tokens, user: makeUser('admin') } } });
    renderApp('/verify-email#token=ev_123');
    fireEvent.click(await screen.findByRole('button', { name: 'Verify and sign in' }));
    await waitFor(() => expect(currentLocation()).toBe('/'));
    expect(api.callsTo('POST', '/api/v1/auth/verify-email')[0].body).toEqual({ token: 'ev_123' });
  });

  it('explains an expired verification link', async () => {
    mockApi({ 'POST /api/v1/auth/verify-email': refusedToken('This verification link is invalid, expired or already used: sign up again for a new one') });
    renderApp('/verify-email#token=ev_old');
    fireEvent.click(await screen.findByRole('button', { name: 'Verify and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('expired');
    expect(screen.getByRole('link', { name: 'Sign up again' })).toBeTruthy();
  });
});
