import type { NotificationDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardRoutes, mockApi, page, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const note = (id: string, extra: Partial<NotificationDto> = {}): NotificationDto => ({
  id,
  kind: 'time_entries.unmapped',
  title: '3 time entries need a deal',
  body: 'They are waiting in the review queue.',
  link: '/time-entries?view=review',
  data: {},
  read_at: null,
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
  ...extra,
});

describe('NotificationsBell', () => {
  it('shows the unread count, opens a notification at its link and marks it read', async () => {
    let unread = 1;
    const api = mockApi({
      ...dashboardRoutes(),
      'GET /api/v1/notifications/unread-count': () => ({ body: { unread } }),
      'GET /api/v1/notifications': page([note('n1'), note('n2', { title: 'Task overdue', read_at: '2026-01-01T00:00:00Z', link: null })]),
      'POST /api/v1/notifications/:id/read': () => ((unread = 0), { body: note('n1', { read_at: new Date().toISOString() }) }),
    });
    signIn();
    renderApp('/');
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    fireEvent.click(bell);
    const panel = screen.getByRole('region', { name: 'Notifications' });
    fireEvent.click(await within(panel).findByRole('button', { name: /^3 time entries need a deal/ }));

    await waitFor(() => expect(currentLocation()).toBe('/time-entries?view=review'));
    expect(api.callsTo('POST', '/api/v1/notifications/n1/read')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeTruthy();
  });

  it('marks every notification read', async () => {
    const api = mockApi({
      ...dashboardRoutes(),
      'GET /api/v1/notifications/unread-count': { body: { unread: 2 } },
      'GET /api/v1/notifications': page([note('n1'), note('n2')]),
      'POST /api/v1/notifications/read-all': { body: { updated: 2 } },
    });
    signIn();
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    fireEvent.click(within(screen.getByRole('region', { name: 'Notifications' })).getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/notifications/read-all')).toHaveLength(1));
  });
});
