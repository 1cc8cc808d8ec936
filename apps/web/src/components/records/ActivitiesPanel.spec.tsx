import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { ActivitiesPanel } from './ActivitiesPanel';

const sales = makeUser('sales');
const activity = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  type: 'call',
  subject: 'Intro call',
  occurred_at: '2026-05-01T10:00:00Z',
  duration_minutes: 15,
  outcome: 'connected',
  notes: null,
  account_id: null,
  contact_id: 'c1',
  deal_id: null,
  owner_id: sales.id,
  created_at: '2026-05-01T10:00:00Z',
  updated_at: '2026-05-01T10:00:00Z',
  ...over,
});

const renderPanel = () =>
  renderWithProviders(
    <AppProviders>
      <ActivitiesPanel parent={{ type: 'contact', id: 'c1' }} />
    </AppProviders>,
  );

describe('ActivitiesPanel', () => {
  it('lists the calls of a contact and logs a meeting with an outcome of its type, naming a refused field', async () => {
    let stored = [activity('a1')];
    let attempt = 0;
    const api = mockApi({
      ...shellRoutes({ users: [sales] }),
      'GET /api/v1/activities': (call) => page(call.query.contact_id === 'c1' ? stored : []),
      'GET /api/v1/accounts/:id/timeline': page([]),
      'POST /api/v1/activities': (call) => {
        if (attempt++ === 0) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'subject', errors: ['subject must not be empty'] }] } };
        stored = [activity('a2', { ...(call.body as object) }), ...stored];
        return { status: 201, body: stored[0] };
      },
    });
    signIn(sales);
    renderPanel();
    const list = await screen.findByRole('list', { name: 'Calls and meetings' });
    expect(within(list).getByText('Intro call')).toBeTruthy();
    expect(within(list).getByText('15 min')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Log a call / meeting' }));
    const dialog = await screen.findByRole('dialog', { name: 'Log a call or meeting' });
    fireEvent.change(within(dialog).getByLabelText('Type'), { target: { value: 'meeting' } });
    const outcomes = within(within(dialog).getByLabelText('Outcome') as HTMLElement).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(outcomes).toEqual(['held', 'cancelled', 'rescheduled', 'no_show']);
    fireEvent.change(within(dialog).getByLabelText('Subject'), { target: { value: 'Quarterly review' } });
    fireEvent.change(within(dialog).getByLabelText('When'), { target: { value: '2026-05-02T09:30' } });
    fireEvent.change(within(dialog).getByLabelText('Duration (minutes)'), { target: { value: '45' } });
    fireEvent.change(within(dialog).getByLabelText('Outcome'), { target: { value: 'rescheduled' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Log meeting' }));
    expect(await within(dialog).findByText('subject must not be empty')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Log meeting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Quarterly review')).toBeTruthy();
    const sent = api.callsTo('POST', '/api/v1/activities')[1].body as Record<string, unknown>;
    expect(sent).toEqual({ type: 'meeting', subject: 'Quarterly review', occurred_at: new Date('2026-05-02T09:30').toISOString(), duration_minutes: 45, outcome: 'rescheduled', notes: null, contact_id: 'c1' });
  });

  it('says so when there are none, and shows an error with a retry', async () => {
    let fail = true;
    mockApi({
      ...shellRoutes({ users: [sales] }),
      'GET /api/v1/activities': () => (fail ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } } : page([])),
    });
    signIn(sales);
    renderPanel();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Database unavailable');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No calls or meetings yet')).toBeTruthy();
  });
});
