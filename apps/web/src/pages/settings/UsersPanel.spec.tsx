import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const invitation = { id: 'i1', email: 'grace@acme.test', name: 'Grace', role: 'manager', status: 'pending', invited_by: 'u1', expires_at: '2099-01-01T00:00:00Z', created_at: '2026-01-01T00:00:00Z' };

describe('Settings: users and invitations', () => {
  it('invites by email (no password typed), showing field errors beside the fields', async () => {
    let attempt = 0;
    const admin = makeUser('admin');
    const api = mockApi({
      ...shellRoutes({ users: [admin] }),
      'GET /api/v1/time-entries/unlinked-employees': page([]), 'GET /api/v1/users/invitations': { body: { data: [] } },
      'POST /api/v1/users/invitations': () =>
        attempt++ === 0
          ? { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'email already belongs to a user of this organization', details: [{ field: 'email', errors: ['email already belongs to a user of this organization'] }] } }
          : { status: 201, body: { ...invitation, email: 'new@acme.test' } },
    });
    signIn(admin);
    renderApp('/settings');
    expect(await screen.findByText('No pending invitations.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByLabelText(/password/i)).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'New' } });
    fireEvent.change(within(dialog).getByLabelText('Email'), { target: { value: 'taken@acme.test' } });
    fireEvent.change(within(dialog).getByLabelText('Role'), { target: { value: 'support' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByText('email already belongs to a user of this organization')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Email'), { target: { value: 'new@acme.test' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Invitation sent to new@acme.test')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/users/invitations')[1].body).toEqual({ name: 'New', email: 'new@acme.test', role: 'support' });
  });

  it('lists pending invitations and revokes one', async () => {
    let revoked = false;
    const admin = makeUser('admin');
    const api = mockApi({
      ...shellRoutes({ users: [admin] }),
      'GET /api/v1/time-entries/unlinked-employees': page([]), 'GET /api/v1/users/invitations': () => ({ body: { data: revoked ? [] : [invitation] } }),
      'DELETE /api/v1/users/invitations/:id': () => {
        revoked = true;
        return { status: 204 };
      },
    });
    signIn(admin);
    renderApp('/settings');
    const table = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(table).getByText('grace@acme.test')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Revoke the invitation of grace@acme.test' }));
    expect(await screen.findByText('Invitation of grace@acme.test revoked')).toBeTruthy();
    expect(await screen.findByText('No pending invitations.')).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/v1/users/invitations/i1')).toHaveLength(1);
  });

  it('shows managers the pending list without revoke or invite', async () => {
    const manager = makeUser('manager');
    mockApi({ ...shellRoutes({ users: [makeUser('admin'), manager] }), 'GET /api/v1/time-entries/unlinked-employees': page([]), 'GET /api/v1/users/invitations': { body: { data: [invitation] } } });
    signIn(manager);
    renderApp('/settings');
    const table = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(table).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Invite user' })).toBeNull();
  });
});
