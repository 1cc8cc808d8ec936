import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createAccount } from './accounts.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface ActivityBody {
  id: string;
  type: string;
  subject: string;
  occurred_at: string;
  duration_minutes: number;
  outcome: string;
  account_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  owner_id: string | null;
}

/** Logs a call (as `token`, default the admin), by default on a new account; returns it. */
export async function createActivity(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}, token = admin.accessToken): Promise<ActivityBody> {
  const parent = body.account_id || body.contact_id || body.deal_id ? {} : { account_id: await createAccount(app, admin, { name: 'Called Corp' }) };
  const res = await http(app)
    .post('/api/v1/activities')
    .set(auth(token))
    .send({ type: 'call', subject: 'Intro call', occurred_at: '2026-03-02T10:00:00.000Z', duration_minutes: 15, outcome: 'connected', ...parent, ...body })
    .expect(201);
  return res.body;
}

const fixture: DomainFixture = {
  resource: 'activities',
  create: async (app, admin) => (await createActivity(app, admin)).id,
  bodies: { 'PATCH /api/v1/activities/{id}': { subject: 'Hijacked' } },
  audit: {
    'POST /api/v1/activities': {
      setup: async (app, admin) => ({ account: await createAccount(app, admin, { name: 'Called Corp' }) }),
      call: async (app, admin, s) => {
        const a = await createActivity(app, admin, { account_id: s.account, subject: 'First call' });
        return {
          expected: {
            action: 'create',
            object_type: 'activity',
            object_id: a.id,
            actor_id: admin.userId,
            changes: { subject: { from: null, to: 'First call' }, type: { from: null, to: 'call' }, outcome: { from: null, to: 'connected' }, account_id: { from: null, to: s.account } },
          },
        };
      },
    },
    'PATCH /api/v1/activities/{id}': {
      setup: async (app, admin) => ({ id: (await createActivity(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/activities/${s.id}`).set(auth(admin.accessToken)).send({ outcome: 'left_voicemail' }).expect(200);
        return { expected: { action: 'update', object_type: 'activity', object_id: s.id, actor_id: admin.userId, changes: { outcome: { from: 'connected', to: 'left_voicemail' } } } };
      },
    },
    'DELETE /api/v1/activities/{id}': {
      setup: async (app, admin) => ({ id: (await createActivity(app, admin, { subject: 'Doomed' })).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/activities/${s.id}`).set(auth(admin.accessToken)).expect(204);
        return { expected: { action: 'delete', object_type: 'activity', object_id: s.id, actor_id: admin.userId, changes: { subject: { from: 'Doomed', to: null } } } };
      },
    },
  },
};
export default fixture;
