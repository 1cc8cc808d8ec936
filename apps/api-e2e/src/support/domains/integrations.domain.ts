import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { postSignedWebhook, type SignedWebhookOptions } from '../signed-webhook';
import { auth, postCreated, http, recordCases, type DomainFixture } from './domain-fixture';
import { timeEntryBody } from './time-entries.domain';

export interface CreatedIntegration {
  id: string;
  signing_secret: string;
  webhook_url: string;
}

export async function createIntegration(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<CreatedIntegration> {
  return postCreated(app, admin.accessToken, '/api/v1/integrations', { provider: 'productivity', name: 'Productivity', ...body });
}

/** Starts a generic-oauth accounting connect (a pending connection) as the organization's admin. */
export async function startAccountingConnect(app: INestApplication, admin: SignedUp): Promise<void> {
  const base = 'https://93.184.215.14/books';
  await http(app)
    .post('/api/v1/integrations/generic-oauth/oauth')
    .set(auth(admin.accessToken))
    .send({ authorize_url: `${base}/authorize`, token_url: `${base}/token`, api_url: `${base}/api`, client_id: 'clockwork', client_secret: 'books-secret' })
    .expect(201);
}

/** Posts an event to the integration's webhook URL, signed with the integration's secret. */
export function sendCrmEvent(app: INestApplication, integrationId: string, secret: string, event: unknown, options: SignedWebhookOptions = {}) {
  return postSignedWebhook(app, `/api/v1/webhooks/crm-event/${integrationId}`, secret, event, options);
}

const fixture: DomainFixture = {
  resource: 'integrations',
  create: async (app, admin) => (await createIntegration(app, admin)).id,
  bodies: { 'PATCH /api/v1/integrations/{id}': { name: 'Hijacked' }, 'POST /api/v1/integrations/{id}/rotate-secret': {} },
  audit: {
    // A public address literal (no DNS); the connect is only started, no provider needs to run.
    'POST /api/v1/integrations/{provider}/oauth': {
      call: async (app, admin) => {
        await startAccountingConnect(app, admin);
        return { expected: { action: 'connect_start', object_type: 'accounting_connection', actor_id: admin.userId, changes: { provider: 'generic-oauth', status: { from: null, to: 'pending' }, client_id: { from: null, to: 'clockwork' } } } };
      },
    },
    'DELETE /api/v1/integrations/{provider}/connection': {
      setup: async (app, admin) => {
        await startAccountingConnect(app, admin);
        return {};
      },
      call: async (app, admin) => {
        await http(app).delete('/api/v1/integrations/generic-oauth/connection').set(auth(admin.accessToken)).expect(204);
        return { expected: { action: 'disconnect', object_type: 'accounting_connection', changes: { status: { from: 'pending', to: null }, revoked: false } } };
      },
    },
    'POST /api/v1/integrations': {
      call: async (app, admin) => {
        const { id } = await createIntegration(app, admin, { name: 'Tracker' });
        return { expected: { action: 'create', object_type: 'integration', object_id: id, actor_id: admin.userId, changes: { name: { from: null, to: 'Tracker' }, provider: { from: null, to: 'productivity' } } } };
      },
    },
    ...recordCases({
      'PATCH /api/v1/integrations/{id}': { create: async (app, admin) => (await createIntegration(app, admin, { name: 'Old' })).id, send: { name: 'New', enabled: false }, expected: { action: 'update', object_type: 'integration', changes: { name: { from: 'Old', to: 'New' }, enabled: { from: true, to: false } } } },
      'DELETE /api/v1/integrations/{id}': { create: async (app, admin) => (await createIntegration(app, admin, { name: 'Doomed' })).id, expected: { action: 'delete', object_type: 'integration', changes: { name: { from: 'Doomed', to: null } } } },
      'POST /api/v1/integrations/{id}/rotate-secret': { create: async (app, admin) => (await createIntegration(app, admin)).id, send: { grace_period_hours: 2 }, expected: { action: 'rotate_secret', object_type: 'integration', changes: { grace_period_hours: 2 } } },
    }),
    'POST /api/v1/webhooks/crm-event/{integration_id}': {
      setup: async (app, admin) => {
        const created = await createIntegration(app, admin);
        return { id: created.id, secret: created.signing_secret };
      },
      call: async (app, _admin, s) => {
        const res = await sendCrmEvent(app, s.id, s.secret, { type: 'time_entry.created', data: timeEntryBody({ external_id: 'audited-1', project_name: 'Audit' }) }).expect(200);
        expect(res.body).toEqual({ status: 'processed', type: 'time_entry.created', result: 'created' });
        return { expected: { action: 'create', object_type: 'time_entry', actor_id: s.id, changes: { external_id: { from: null, to: 'audited-1' } } } };
      },
    },
  },
};
export default fixture;
