import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const CONTACT = '0190c7a2-0000-4000-8000-00000000c001';
const email = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  message_id: `<${id}@mail.test>`,
  source: 'smtp',
  status: 'unmatched',
  subject: 'Who is this?',
  snippet: 'Hello, we met at the fair.',
  from: { address: 'lumbergh@initech.test', name: 'Bill Lumbergh' },
  to: [{ address: 'sales@ours.test', name: null }],
  cc: [],
  sent_at: '2026-05-01T10:00:00Z',
  created_at: '2026-05-01T10:00:01Z',
  ...over,
});
const full = (id: string) => ({ ...email(id), body_text: 'Hello, we met at the fair.\nBill', body_html: null, attachments: [{ id: 'f1', file_name: 'card.vcf', content_type: 'text/vcard', size_bytes: 2048 }], contact_ids: [], account_ids: [], deal_ids: [] });

describe('Unmatched emails', { timeout: 30_000 }, () => {
  it('lists the emails to review, opens one, assigns it to a contact and discards another', async () => {
    let stored = [email('e1'), email('e2', { subject: 'Cheap watches', from: { address: 'spam@spam.test', name: null } })];
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/email-log/unmatched': () => page(stored),
      'GET /api/v1/email-log/emails/:id': (call) => ({ body: full(call.path.split('/').pop() as string) }),
      'GET /api/v1/contacts': page([{ id: CONTACT, first_name: 'Bill', last_name: 'Lumbergh', email: 'bill@initech.test' }]),
      'POST /api/v1/email-log/unmatched/:id/assign': (call) => {
        stored = stored.filter((e) => !call.path.includes(e.id));
        return { body: { ...full('e1'), status: 'matched', contact_ids: [CONTACT] } };
      },
      'DELETE /api/v1/email-log/unmatched/:id': (call) => {
        stored = stored.filter((e) => !call.path.includes(e.id));
        return { status: 204 };
      },
    });
    signIn(makeUser('manager'));
    renderApp('/unmatched-emails');

    const first = await screen.findByRole('article', { name: 'Who is this?' });
    expect(within(first).getByText('Bill Lumbergh <lumbergh@initech.test> → sales@ours.test')).toBeTruthy();
    expect(within(first).getByText('Hello, we met at the fair.')).toBeTruthy();

    fireEvent.click(within(first).getByRole('button', { name: 'Open' }));
    const dialog = await screen.findByRole('dialog', { name: 'Who is this?' });
    expect((await within(dialog).findByLabelText('Email body')).textContent).toBe('Hello, we met at the fair.\nBill');
    expect(within(dialog).getByText('card.vcf')).toBeTruthy();
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const picker = within(first).getByRole('combobox');
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'Bill' } });
    fireEvent.mouseDown(await screen.findByRole('option', { name: 'Bill Lumbergh <bill@initech.test>' }));
    fireEvent.click(within(first).getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/email-log/unmatched/e1/assign')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/v1/email-log/unmatched/e1/assign')[0].body).toEqual({ contact_id: CONTACT });
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Who is this?' })).toBeNull());

    const spam = screen.getByRole('article', { name: 'Cheap watches' });
    fireEvent.click(within(spam).getByRole('button', { name: 'Discard' }));
    const confirm = await screen.findByRole('dialog', { name: 'Discard this email?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/v1/email-log/unmatched/e2')).toHaveLength(1));
    expect(await screen.findByText('No emails to review')).toBeTruthy();
  });

  it('shows the error state when the list cannot be loaded', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/email-log/unmatched': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Boom' } } });
    signIn(makeUser('admin'));
    renderApp('/unmatched-emails');
    expect(await screen.findByRole('button', { name: /retry/i })).toBeTruthy();
  });

  it('is not in the navigation of sales and support', async () => {
    mockApi({ ...shellRoutes(), ...{} });
    signIn(makeUser('sales'));
    renderApp('/unmatched-emails');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Unmatched emails' })).toBeNull());
    expect(screen.queryByRole('article')).toBeNull();
  });
});
