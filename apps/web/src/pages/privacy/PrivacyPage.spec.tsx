import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const contact = { id: '0190a5e0-0000-7000-8000-00000000c001', first_name: 'Ann', last_name: 'Lee', email: 'ann@globex.test' };
const counts = { notes_deleted: 2, attachments_deleted: 1, time_entries_pseudonymized: 0, personal_time_counters_deleted: 0, audit_rows_scrubbed: 7, events_scrubbed: 3, mentions_scrubbed: 4 };
const privacyRoutes = { ...shellRoutes(), 'GET /api/v1/retention-policies': { body: { data: [] } } };

describe('Privacy page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exports a contact picked by name as a zip downloaded through the API', async () => {
    const createObjectURL = vi.fn(() => 'blob:gdpr');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const api = mockApi({
      ...privacyRoutes,
      'GET /api/v1/contacts': page([contact]),
      'POST /api/v1/gdpr/export': { body: 'PK-zip-bytes' },
    });
    signIn();
    renderApp('/privacy');
    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy' })).toBeTruthy();
    // Retention is shown beside the requests.
    expect(await screen.findByRole('form', { name: 'Time entries retention' })).toBeTruthy();

    const exportButton = screen.getByRole('button', { name: 'Export data (zip)' });
    expect((exportButton as HTMLButtonElement).disabled).toBe(true);
    const picker = screen.getByRole('combobox', { name: 'Contact' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'ann' } });
    await screen.findByRole('option', { name: 'Ann Lee <ann@globex.test>' });
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/contacts' && c.query.q === 'ann')).toBe(true));
    fireEvent.mouseDown(screen.getByRole('option', { name: 'Ann Lee <ann@globex.test>' }));
    expect((picker as HTMLInputElement).value).toBe('Ann Lee <ann@globex.test>');

    fireEvent.click(exportButton);
    await waitFor(() => expect(click).toHaveBeenCalled());
    const call = api.callsTo('POST', '/api/v1/gdpr/export')[0];
    expect(call.body).toEqual({ subject: 'contact', id: contact.id });
    expect(call.headers.get('Authorization')).toBe('Bearer access-1');
    expect(createObjectURL).toHaveBeenCalled();
    expect(await screen.findByText('Export downloaded')).toBeTruthy();
  });

  it('erases an employee only after the id is typed, shows the counts, and returns focus', async () => {
    const api = mockApi({
      ...privacyRoutes,
      'POST /api/v1/gdpr/erase': { body: { subject: 'employee', id: 'emp-77', already_erased: false, erased_at: '2026-05-01T10:00:00.000Z', counts } },
    });
    signIn();
    renderApp('/privacy');
    fireEvent.click(await screen.findByRole('radio', { name: 'An employee' }));
    fireEvent.change(screen.getByLabelText('User id or employee id'), { target: { value: 'emp-77' } });
    const eraseButton = screen.getByRole('button', { name: 'Erase…' });
    eraseButton.focus();
    fireEvent.click(eraseButton);

    const dialog = await screen.findByRole('dialog', { name: 'Erase employee emp-77' });
    const confirm = within(dialog).getByRole('button', { name: 'Erase permanently' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Type emp-77 to confirm'), { target: { value: 'emp-7' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Type emp-77 to confirm'), { target: { value: 'emp-77' } });
    fireEvent.change(within(dialog).getByLabelText('Reason (optional)'), { target: { value: 'DSR-12' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    const list = await within(dialog).findByLabelText('What was removed');
    const pairs = [...list.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(pairs).toEqual([
      ['Notes deleted', String(counts.notes_deleted)],
      ['Attachments deleted', String(counts.attachments_deleted)],
      ['Time entries pseudonymized', String(counts.time_entries_pseudonymized)],
      ['Personal-time counters deleted', String(counts.personal_time_counters_deleted)],
      ['Audit rows scrubbed', String(counts.audit_rows_scrubbed)],
      ['Events and webhook deliveries scrubbed', String(counts.events_scrubbed)],
      ['Mentions in other records scrubbed', String(counts.mentions_scrubbed)],
    ]);
    expect(api.callsTo('POST', '/api/v1/gdpr/erase')[0].body).toEqual({ subject: 'employee', id: 'emp-77', reason: 'DSR-12' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(eraseButton);
  });

  it('erases contacts by a typed email address and shows the API error in the dialog', async () => {
    const api = mockApi({
      ...privacyRoutes,
      'POST /api/v1/gdpr/erase': {
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'No contact has this email address', details: [{ field: 'email', errors: ['No contact has this email address'] }] },
      },
    });
    signIn();
    renderApp('/privacy');
    fireEvent.change(await screen.findByLabelText('Or an email address (erasure only)'), { target: { value: 'gone@globex.test' } });
    expect((screen.getByRole('button', { name: 'Export data (zip)' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Erase…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Erase every contact with gone@globex.test' });
    fireEvent.change(within(dialog).getByLabelText('Type gone@globex.test to confirm'), { target: { value: 'gone@globex.test' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erase permanently' }));
    expect(await within(dialog).findByText('No contact has this email address')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/gdpr/erase')[0].body).toEqual({ subject: 'contact', email: 'gone@globex.test' });
  });

  it('is for admins only', async () => {
    const manager = makeUser('manager');
    mockApi(shellRoutes({ users: [manager] }));
    signIn(manager);
    renderApp('/privacy');
    expect(await screen.findByText('This page is not available to your role')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Privacy' })).toBeNull();
  });
});
