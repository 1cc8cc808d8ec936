import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const admin = makeUser('admin');
const grace = makeUser('support', { id: '00000000-0000-4000-8000-0000000000g1', name: 'Grace Hopper', email: 'grace@acme.test' });
const linked = makeUser('sales', { id: '00000000-0000-4000-8000-0000000000l1', name: 'Lin Ked', email: 'lin@acme.test', linked_employee_id: 'emp-1' });
const unlinked = [
  { employee_id: 'emp-9', entries: 3, total_seconds: 5400, first_seen: '2026-03-01T09:00:00.000Z', last_seen: '2026-03-20T09:00:00.000Z' },
  { employee_id: 'emp-4', entries: 1, total_seconds: 900, first_seen: '2026-02-01T09:00:00.000Z', last_seen: '2026-02-01T09:00:00.000Z' },
];
const hours = (seconds: number) => `${(seconds / 3600).toFixed(1)} h`;

describe('Settings: employee ids of users', () => {
  it('lists unlinked employee ids page by page with their time, and links one to a user', async () => {
    let users = [admin, grace, linked];
    const api = mockApi({
      ...shellRoutes({ users }),
      'GET /api/v1/users': () => page(users),
      'GET /api/v1/users/invitations': { body: { data: [] } },
      'GET /api/v1/time-entries/unlinked-employees': (call) => (call.query.cursor === 'c2' ? page([unlinked[1]]) : page([unlinked[0]], 'c2')),
      'PATCH /api/v1/users/:id': (call) => {
        users = users.map((u) => (u.id === grace.id ? { ...u, ...(call.body as object) } : u));
        return { body: users.find((u) => u.id === grace.id) };
      },
    });
    signIn(admin);
    renderApp('/settings');
    const table = await screen.findByRole('table', { name: 'Unlinked employee ids' });
    const row = within(table).getByText('emp-9').closest('tr') as HTMLElement;
    expect(within(row).getByText('3')).toBeTruthy();
    expect(within(row).getByText(hours(unlinked[0].total_seconds))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('emp-4')).toBeTruthy();
    expect(within(within(table).getByText('emp-4').closest('tr') as HTMLElement).getByText(hours(unlinked[1].total_seconds))).toBeTruthy();

    const linkButton = within(table).getByRole('button', { name: 'Link emp-9 to a user' });
    linkButton.focus();
    fireEvent.click(linkButton);
    const dialog = await screen.findByRole('dialog', { name: 'Link emp-9 to a user' });
    const select = within(dialog).getByLabelText('User') as HTMLSelectElement;
    // Users who hold an employee id already are not offered.
    expect([...select.options].map((o) => o.textContent)).toEqual(['Choose a user', `${admin.name} (${admin.email})`, 'Grace Hopper (grace@acme.test)']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link' }));
    expect(await within(dialog).findByText('Choose the user to link.')).toBeTruthy();
    expect(api.callsTo('PATCH', `/api/v1/users/${grace.id}`)).toHaveLength(0);

    fireEvent.change(select, { target: { value: grace.id } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link' }));
    expect(await screen.findByText('Grace Hopper linked to emp-9')).toBeTruthy();
    expect(api.callsTo('PATCH', `/api/v1/users/${grace.id}`)[0].body).toEqual({ linked_employee_id: 'emp-9' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(linkButton);
  });

  it("sets and clears a user's employee id, showing a conflict beside the field", async () => {
    let attempt = 0;
    const api = mockApi({
      ...shellRoutes({ users: [admin, linked] }),
      'GET /api/v1/users/invitations': { body: { data: [] } },
      'GET /api/v1/time-entries/unlinked-employees': page([]),
      'PATCH /api/v1/users/:id': (call) =>
        attempt++ === 0
          ? { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'linked_employee_id is already linked to Ada Admin', details: [{ field: 'linked_employee_id', errors: ['linked_employee_id is already linked to Ada Admin'] }] } }
          : { body: { ...linked, ...(call.body as object) } },
    });
    signIn(admin);
    renderApp('/settings');
    expect(await screen.findByText('Every employee id on time entries is linked to a user.')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Change the employee id of Lin Ked' }));
    const dialog = await screen.findByRole('dialog', { name: 'Employee id of Lin Ked' });
    const input = within(dialog).getByLabelText('Productivity employee id') as HTMLInputElement;
    expect(input.value).toBe('emp-1');
    fireEvent.change(input, { target: { value: 'emp-2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('linked_employee_id is already linked to Ada Admin')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Unlink' }));
    expect(await screen.findByText('Lin Ked no longer linked to an employee id')).toBeTruthy();
    expect(api.callsTo('PATCH', `/api/v1/users/${linked.id}`).map((c) => c.body)).toEqual([{ linked_employee_id: 'emp-2' }, { linked_employee_id: null }]);
  });

  it('shows managers the unlinked list without link actions', async () => {
    const manager = makeUser('manager');
    mockApi({
      ...shellRoutes({ users: [admin, manager] }),
      'GET /api/v1/users/invitations': { body: { data: [] } },
      'GET /api/v1/time-entries/unlinked-employees': page(unlinked),
    });
    signIn(manager);
    renderApp('/settings');
    const table = await screen.findByRole('table', { name: 'Unlinked employee ids' });
    expect(within(table).getByText('emp-4')).toBeTruthy();
    expect(within(table).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: /employee id of/ })).toBeNull();
  });
});
