import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';
import { timeEntryBody } from './time-entries.domain';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

export interface CreatedIntegration {
  id: string;
  signing_secret: string;
  webhook_url: string;
}

export async function createIntegration(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<CreatedIntegration> {
  const res = await http(app).post('/api/v1/integrations').set(auth(admin)).send({ provider: 'productivity', name: 'Productivity', ...body }).expect(201);
  return res.body;
}

/** Starts a generic-oauth accounting connect (a pending connection) as the organization's admin. */
export async function startAccountingConnect(app: INestApplication, admin: SignedUp): Promise<void> {
  const base = 'https://93.184.215.14/books';
  await http(app)
    .post('/api/v1/integrations/generic-oauth/oauth')
    .set(auth(admin))
    .send({ authorize_url: `${base}/authorize`, token_url: `${base}/token`, api_url: `${base}/api`, client_id: 'clockwork', client_secret: 'books-secret' })
    .expect(201);
}

export interface SendOptions {
  /** webhook-id; a fresh one by default. */
  msgId?: string;
  /** When the sender signs it (default now). */
  at?: Date;
  /** Headers to leave out or replace. */
  headers?: Record<string, string | undefined>;
  /** The raw body to send instead of JSON.stringify(event). */
  raw?: string;
}

/** Posts an event to the integration's webhook URL, signed by the reference `standardwebhooks` library. */
export function sendCrmEvent(app: INestApplication, integrationId: string, secret: string, event: unknown, options: SendOptions = {}) {
  const body = options.raw ?? JSON.stringify(event);
  const msgId = options.msgId ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msgId, at, body),
    ...options.headers,
  };
  let req = http(app).post(`/api/v1/webhooks/crm-event/${integrationId}`);
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) req = req.set(name, value);
  return req.send(body);
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
        await http(app).delete('/api/v1/integrations/generic-oauth/connection').set(auth(admin)).expect(204);
        return { expected: { action: 'disconnect', object_type: 'accounting_connection', changes: { status: { from: 'pending', to: null }, revoked: false } } };
      },
    },
    'POST /api/v1/integrations': {
      call: async (app, admin) => {
        const { id } = await createIntegration(app, admin, { name: 'Tracker' });
        return { expected: { action: 'create', object_type: 'integration', object_id: id, actor_id: admin.userId, changes: { name: { from: null, to: 'Tracker' }, provider: { from: null, to: 'productivity' } } } };
      },
    },
    'PATCH /api/v1/integrations/{id}': {
      setup: async (app, admin) => ({ id: (await createIntegration(app, admin, { name: 'Old' })).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/integrations/${s.id}`).set(auth(admin)).send({ name: 'New', enabled: false }).expect(200);
        return { expected: { action: 'update', object_type: 'integration', object_id: s.id, changes: { name: { from: 'Old', to: 'New' }, enabled: { from: true, to: false } } } };
      },
    },
    'DELETE /api/v1/integrations/{id}': {
      setup: async (app, admin) => ({ id: (await createIntegration(app, admin, { name: 'Doomed' })).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/integrations/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'integration', object_id: s.id, changes: { name: { from: 'Doomed', to: null } } } };
      },
    },
    'POST /api/v1/integrations/{id}/rotate-secret': {
      setup: async (app, admin) => ({ id: (await createIntegration(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/integrations/${s.id}/rotate-secret`).set(auth(admin)).send({ grace_period_hours: 2 }).expect(200);
        return { expected: { action: 'rotate_secret', object_type: 'integration', object_id: s.id, actor_id: admin.userId, changes: { grace_period_hours: 2 } } };
      },
    },
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
