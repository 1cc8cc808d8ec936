import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardRoutes, makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

describe('Your account: change password', () => {
  it('names a wrong current password beside its field, then changes it', async () => {
    let attempt = 0;
    const api = mockApi({
      ...shellRoutes(),
      'POST /api/v1/auth/password': () =>
        attempt++ === 0
          ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'current_password', errors: ['current_password is not your current password'] }] } }
          : { status: 204 },
    });
    signIn(makeUser('support'));
    renderApp('/account');
    const current = await screen.findByLabelText('Current password');
    fireEvent.change(current, { target: { value: 'wrong one' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'plum orbit lantern gravel 93' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('current_password is not your current password');
    expect(current.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(current, { target: { value: 'correct horse battery staple' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText(/Password changed/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/auth/password')[1].body).toEqual({ current_password: 'correct horse battery staple', new_password: 'plum orbit lantern gravel 93' });
  });

  it('is reachable from the account menu for every role', async () => {
    mockApi(dashboardRoutes());
    signIn(makeUser('sales'));
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: /Account menu/ }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Your account' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeTruthy();
  });
});
