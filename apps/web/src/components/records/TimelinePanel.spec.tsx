import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { TimelinePanel } from './TimelinePanel';

const emailItem = {
  type: 'email',
  at: '2026-05-01T10:00:00Z',
  id: 'e1',
  summary: 'TPS reports',
  data: {
    email_id: 'e1',
    subject: 'TPS reports',
    snippet: 'Did you get the memo?',
    from: { address: 'peter@initech.test', name: 'Peter Gibbons' },
    to: [{ address: 'sales@ours.test', name: null }],
    cc: [{ address: 'bill@initech.test', name: 'Bill' }],
    sent_at: '2026-05-01T10:00:00Z',
  },
};

describe('TimelinePanel', { timeout: 30_000 }, () => {
  it('shows a logged email with its participants and snippet, and opens the whole email', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/contacts/:id/timeline': page([emailItem]),
      'GET /api/v1/email-log/emails/:id': { body: { ...emailItem.data, id: 'e1', message_id: '<m@x>', source: 'smtp', status: 'matched', created_at: emailItem.at, body_text: 'Did you get the memo?\nPeter', body_html: null, attachments: [], contact_ids: ['c1'], account_ids: [], deal_ids: [] } },
    });
    signIn();
    renderWithProviders(
      <AppProviders>
        <TimelinePanel parent={{ type: 'contact', id: 'c1' }} />
      </AppProviders>,
    );
    const open = await screen.findByRole('button', { name: 'TPS reports' });
    expect(screen.getByText('Peter Gibbons <peter@initech.test> → sales@ours.test, Bill <bill@initech.test>')).toBeTruthy();
    expect(screen.getByText('Did you get the memo?')).toBeTruthy();
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'TPS reports' });
    expect((await within(dialog).findByLabelText('Email body')).textContent).toBe('Did you get the memo?\nPeter');
  });

  it('says when nothing has happened yet', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/accounts/:id/timeline': page([]) });
    signIn();
    renderWithProviders(
      <AppProviders>
        <TimelinePanel parent={{ type: 'account', id: 'a1' }} />
      </AppProviders>,
    );
    expect(await screen.findByText('Nothing has happened yet')).toBeTruthy();
  });
});
