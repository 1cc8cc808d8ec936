import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SignedUp } from '../org-fixture';
import { auth, http, type DomainFixture } from './domain-fixture';

const BASE = '/api/v1/webhooks/subscriptions';
/** A public address (the SSRF guard accepts it without DNS) and an event nothing emits yet. */
const TARGET = { url: 'https://93.184.215.14/clockwork-hooks', events: ['invoice.issued'] };

export async function createSubscription(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  return (await http(app).post(BASE).set(auth(admin.accessToken)).send({ ...TARGET, ...body }).expect(201)).body;
}

/** Settles an organization's pending deliveries, so no worker of the run ever sends them anywhere. */
const settle = (app: INestApplication, organizationId: string) =>
  app.get(DataSource).query(`UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL, completed_at = now() WHERE organization_id = $1 AND state = 'pending'`, [organizationId]);

const fixture: DomainFixture = {
  resource: 'webhooks/subscriptions',
  // Disabled: the permission walk's test sends are refused (409) instead of queued.
  create: async (app, admin) => (await createSubscription(app, admin, { enabled: false })).id,
  bodies: { [`PATCH ${BASE}/{id}`]: { description: 'Hijacked' } },
  audit: {
    [`POST ${BASE}`]: {
      call: async (app, admin) => {
        const sub = await createSubscription(app, admin, { description: 'ERP' });
        return { expected: { action: 'create', object_type: 'webhook_subscription', object_id: sub.id, actor_id: admin.userId, changes: { url: { from: null, to: TARGET.url }, description: { from: null, to: 'ERP' } } } };
      },
    },
    [`PATCH ${BASE}/{id}`]: {
      setup: async (app, admin) => ({ id: (await createSubscription(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`${BASE}/${s.id}`).set(auth(admin.accessToken)).send({ description: 'Billing', enabled: false }).expect(200);
        return { expected: { action: 'update', object_type: 'webhook_subscription', object_id: s.id, changes: { description: { from: null, to: 'Billing' }, enabled: { from: true, to: false } } } };
      },
    },
    [`DELETE ${BASE}/{id}`]: {
      setup: async (app, admin) => ({ id: (await createSubscription(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`${BASE}/${s.id}`).set(auth(admin.accessToken)).expect(204);
        return { expected: { action: 'delete', object_type: 'webhook_subscription', object_id: s.id, changes: { url: { from: TARGET.url, to: null } } } };
      },
    },
    [`POST ${BASE}/{id}/rotate-secret`]: {
      setup: async (app, admin) => ({ id: (await createSubscription(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).post(`${BASE}/${s.id}/rotate-secret`).set(auth(admin.accessToken)).expect(200);
        return { expected: { action: 'rotate_secret', object_type: 'webhook_subscription', object_id: s.id, changes: { previous_secret_expires_at: { from: null } } } };
      },
    },
    [`POST ${BASE}/{id}/test`]: {
      setup: async (app, admin) => ({ id: (await createSubscription(app, admin)).id }),
      call: async (app, admin, s) => {
        const res = await http(app).post(`${BASE}/${s.id}/test`).set(auth(admin.accessToken)).expect(202);
        await settle(app, admin.organizationId);
        return { expected: { action: 'test', object_type: 'webhook_subscription', object_id: s.id, changes: { delivery_id: res.body.id } } };
      },
    },
    [`POST ${BASE}/{id}/deliveries/{delivery_id}/redeliver`]: {
      setup: async (app, admin) => {
        const { id } = await createSubscription(app, admin);
        const delivery = (await http(app).post(`${BASE}/${id}/test`).set(auth(admin.accessToken)).expect(202)).body;
        await settle(app, admin.organizationId);
        return { id, deliveryId: delivery.id };
      },
      call: async (app, admin, s) => {
        await http(app).post(`${BASE}/${s.id}/deliveries/${s.deliveryId}/redeliver`).set(auth(admin.accessToken)).expect(202);
        await settle(app, admin.organizationId);
        return { expected: { action: 'redeliver', object_type: 'webhook_delivery', object_id: s.deliveryId, changes: { state: { from: 'failed', to: 'pending' } } } };
      },
    },
  },
};
export default fixture;
