import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { makeContact } from '../../testing/record-fixtures';
import { renderApp } from '../../testing/render';

const admin = makeUser('admin');
const bob = makeUser('sales', { id: 'u-bob', name: 'Bob Sales' });
const result = (ids: string[]) => ({ body: { kind: 'contacts', status: 'completed', total: ids.length, done: ids.length, ids } });

describe('bulk edit on a list page', () => {
  it('changes the owner of the ticked contacts in one call, then clears the selection', async () => {
    const api = mockApi({
      ...shellRoutes({ users: [admin, bob] }),
      'GET /api/v1/contacts': page([makeContact('c1', 'Ada'), makeContact('c2', 'Grace'), makeContact('c3', 'Linus')]),
      'POST /api/v1/bulk-edits': result(['c1', 'c3']),
    });
    signIn(admin);
    renderApp('/contacts');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Ada' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Linus' }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(bar.textContent).toContain('2 selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Edit selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit 2 contacts' });
    await within(dialog).findByRole('option', { name: 'Bob Sales' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'New value' }), { target: { value: 'u-bob' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to 2 contacts' }));

    expect(await screen.findByText('2 contacts updated')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/bulk-edits')[0].body).toEqual({ kind: 'contacts', selection: { ids: ['c1', 'c3'] }, patch: { owner_id: 'u-bob' } });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Bulk actions' })).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
  }, 20_000);

  it('selects every contact matching the filter (beyond the loaded page) and sends the filter, not the ids', async () => {
    const api = mockApi({
      ...shellRoutes({ users: [admin, bob] }),
      'GET /api/v1/contacts': page([makeContact('c1', 'Ada', { owner_id: admin.id }), makeContact('c2', 'Grace', { owner_id: admin.id })], 'next-page'),
      'POST /api/v1/bulk-edits': result(['c1', 'c2', 'c9']),
    });
    signIn(admin);
    renderApp(`/contacts?owner_id=${admin.id}`);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select all contacts shown' }));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    fireEvent.click(within(bar).getByRole('button', { name: 'Select all contacts matching this filter' }));
    expect(bar.textContent).toContain('All contacts matching this filter are selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Edit selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit every contact matching this filter' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Change' }), { target: { value: 'add_tags' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New value' }), { target: { value: ' renewal ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to every contact matching this filter' }));

    expect(await screen.findByText('3 contacts updated')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/bulk-edits')[0].body).toEqual({ kind: 'contacts', selection: { filter: { owner_id: admin.id } }, patch: { add_tags: ['renewal'] } });
  }, 20_000);

  it('shows why the api refused the edit in the dialog, which stays open', async () => {
    mockApi({
      ...shellRoutes({ users: [admin, bob] }),
      'GET /api/v1/contacts': page([makeContact('c1', 'Ada')]),
      'POST /api/v1/bulk-edits': { status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'The sales role may only change its own contacts; 1 selected is not: c1. Nothing was changed' } },
    });
    signIn(admin);
    renderApp('/contacts');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Ada' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit 1 contact' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to 1 contact' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Nothing was changed');
  }, 20_000);

  it('changes the owner of ticked accounts (the same bar and dialog on the accounts list)', async () => {
    const account = (id: string, name: string) => ({ id, name, industry: null, address: null, phone: null, website: null, domain: null, primary_contact_id: null, owner_id: null, metadata: {}, version: 1, created_at: '2026-05-01T10:00:00Z', updated_at: '2026-05-01T10:00:00Z' });
    const api = mockApi({
      ...shellRoutes({ users: [admin, bob] }),
      'GET /api/v1/accounts': page([account('a1', 'Acme'), account('a2', 'Globex')]),
      'POST /api/v1/bulk-edits': { body: { kind: 'accounts', status: 'completed', total: 1, done: 1, ids: ['a2'] } },
    });
    signIn(admin);
    renderApp('/accounts');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Globex' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit 1 account' });
    await within(dialog).findByRole('option', { name: 'Bob Sales' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'New value' }), { target: { value: 'u-bob' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to 1 account' }));
    expect(await screen.findByText('1 account updated')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/bulk-edits')[0].body).toEqual({ kind: 'accounts', selection: { ids: ['a2'] }, patch: { owner_id: 'u-bob' } });
  }, 20_000);

  it('follows a bulk edit queued for the worker with a progress bar until it is done', async () => {
    const queued = { id: 'b1', kind: 'contacts', status: 'queued', total: 1203, done: 0, error: null, patch: { owner_id: 'u-bob' }, created_at: '2026-05-01T10:00:00Z', finished_at: null };
    const api = mockApi({
      ...shellRoutes({ users: [admin, bob] }),
      'GET /api/v1/contacts': page([makeContact('c1', 'Ada'), makeContact('c2', 'Grace')], 'next-page'),
      'POST /api/v1/bulk-edits': { status: 202, body: queued },
      'GET /api/v1/bulk-edits/:id': { body: { ...queued, status: 'completed', done: 1203, finished_at: '2026-05-01T10:01:00Z' } },
    });
    signIn(admin);
    renderApp('/contacts');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select all contacts shown' }));
    fireEvent.click(screen.getByRole('button', { name: 'Select all contacts matching this filter' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit every contact matching this filter' });
    await within(dialog).findByRole('option', { name: 'Bob Sales' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'New value' }), { target: { value: 'u-bob' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply to every contact matching this filter' }));

    expect(await within(dialog).findByText('Done: 1203 contacts updated.')).toBeTruthy();
    expect((within(dialog).getByRole('progressbar', { name: 'Bulk edit progress' }) as HTMLProgressElement).value).toBe(1203);
    expect(api.callsTo('GET', '/api/v1/bulk-edits/b1').length).toBeGreaterThan(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  }, 20_000);
});
