import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { EmailsPanel } from './EmailsPanel';

const summary = {
  id: 'e1',
  message_id: '<m@x>',
  source: 'smtp',
  status: 'matched',
  subject: 'Kick-off agenda',
  snippet: 'Here is the agenda for Monday.',
  from: { address: 'pat@acme.test', name: 'Pat' },
  to: [{ address: 'sales@ours.test', name: null }],
  cc: [],
  sent_at: '2026-05-01T10:00:00Z',
  created_at: '2026-05-01T10:00:01Z',
};

const renderPanel = () =>
  renderWithProviders(
    <AppProviders>
      <EmailsPanel parent={{ type: 'deal', id: 'd1' }} />
    </AppProviders>,
  );

describe('EmailsPanel', { timeout: 30_000 }, () => {
  it("lists a deal's emails and opens one", async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/email-log/emails': page([summary]),
      'GET /api/v1/email-log/emails/:id': { body: { ...summary, body_text: 'Here is the agenda for Monday.\n1. Scope', body_html: null, attachments: [], contact_ids: ['c1'], account_ids: ['a1'], deal_ids: ['d1'] } },
    });
    signIn();
    renderPanel();
    const list = await screen.findByRole('list', { name: 'Emails' });
    expect(within(list).getByText('Pat <pat@acme.test> → sales@ours.test')).toBeTruthy();
    expect(api.callsTo('GET', '/api/v1/email-log/emails')[0].query).toMatchObject({ deal_id: 'd1' });
    fireEvent.click(within(list).getByRole('button', { name: 'Kick-off agenda' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kick-off agenda' });
    expect((await within(dialog).findByLabelText('Email body')).textContent).toBe('Here is the agenda for Monday.\n1. Scope');
  });

  it('says when no email is logged', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/email-log/emails': page([]) });
    signIn();
    renderPanel();
    expect(await screen.findByText('No emails logged')).toBeTruthy();
  });
});
