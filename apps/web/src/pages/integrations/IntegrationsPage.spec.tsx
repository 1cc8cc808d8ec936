import type { IntegrationDto, WebhookDeliveryDto, WebhookSubscriptionDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const stamp = '2026-03-01T10:00:00.000Z';
const integration: IntegrationDto = { id: 'i1', provider: 'productivity', name: 'Acme tracker', base_url: null, enabled: true, webhook_url: 'https://crm.test/api/v1/integrations/i1/webhook', previous_secret_expires_at: null, last_event_at: null, version: 2, created_at: stamp, updated_at: stamp };
const subscription: WebhookSubscriptionDto = { id: 's1', url: 'https://hooks.example.com/ck', events: ['deal.created'], description: null, enabled: true, disabled_reason: null, disabled_at: null, previous_secret_expires_at: null, failing_since: null, version: 1, created_at: stamp, updated_at: stamp };
const delivery: WebhookDeliveryDto = {
  id: 'w1',
  message_id: 'msg_1',
  event_id: null,
  event_type: 'deal.created',
  state: 'failed',
  attempts: 3,
  next_attempt_at: null,
  last_status_code: 503,
  last_error: null,
  completed_at: stamp,
  attempt_log: [{ attempt: 3, status_code: 503, latency_ms: 87, response_excerpt: null, error: null, succeeded: false, created_at: stamp }],
  created_at: stamp,
  updated_at: stamp,
};

describe('IntegrationsPage', () => {
  it('connects the productivity backend and shows its secret once, then rotates it', async () => {
    let created = false;
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/integrations': () => page(created ? [integration] : []),
      'POST /api/v1/integrations': () => ((created = true), { status: 201, body: { ...integration, signing_secret: 'whsec_first' } }),
      'POST /api/v1/integrations/:id/rotate-secret': { body: { ...integration, signing_secret: 'whsec_second' } },
      'PATCH /api/v1/integrations/:id': { body: { ...integration, enabled: false } },
    });
    signIn();
    renderApp('/integrations');
    expect(await screen.findByText('No productivity backend connected')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Connection name'), { target: { value: 'Acme tracker' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));

    expect((await screen.findByLabelText('Signing secret')).textContent).toBe('whsec_first');
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/integrations')[0].body).toEqual({ provider: 'productivity', name: 'Acme tracker', base_url: null });
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();

    fireEvent.click(await screen.findByRole('button', { name: 'Rotate secret' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Rotate the signing secret' })).getByRole('button', { name: 'Rotate' }));
    expect((await screen.findByLabelText('Signing secret')).textContent).toBe('whsec_second');

    fireEvent.click(screen.getByRole('button', { name: 'Disable Acme tracker' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/integrations/i1')[0]?.headers.get('If-Match')).toBe('2'));
  });

  it('creates a webhook subscription with chosen events, and redelivers from its log', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/webhooks/subscriptions': page([subscription]),
      'POST /api/v1/webhooks/subscriptions': { status: 201, body: { ...subscription, secret: 'whsec_sub' } },
      'GET /api/v1/webhooks/subscriptions/:id/deliveries': page([delivery]),
      'POST /api/v1/webhooks/subscriptions/:id/deliveries/:delivery/redeliver': { status: 202, body: delivery },
    });
    signIn();
    renderApp('/integrations?tab=webhooks');
    fireEvent.click(await screen.findByRole('button', { name: 'New subscription' }));
    const dialog = screen.getByRole('dialog', { name: 'New webhook subscription' });
    fireEvent.change(within(dialog).getByLabelText('Endpoint URL'), { target: { value: 'https://hooks.example.com/ck' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'deal.created' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'time_entry.mapped' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create subscription' }));
    expect((await screen.findByLabelText('Signing secret')).textContent).toBe('whsec_sub');
    expect(api.callsTo('POST', '/api/v1/webhooks/subscriptions')[0].body).toEqual({ url: 'https://hooks.example.com/ck', events: ['deal.created', 'time_entry.mapped'], description: null });

    fireEvent.click(screen.getByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('table', { name: 'Deliveries to https://hooks.example.com/ck' });
    const cells = within(within(log).getAllByRole('row')[1]).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual(['deal.created', 'failed', '503', '87 ms', '3']);
    fireEvent.click(within(log).getByRole('button', { name: 'Redeliver deal.created' }));
    expect(await screen.findByText('deal.created queued for redelivery')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/webhooks/subscriptions/s1/deliveries/w1/redeliver')).toHaveLength(1);
  });
});
