import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { createAccount } from './accounts.domain';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

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
  return postCreated(app, token, '/api/v1/activities', { type: 'call', subject: 'Intro call', occurred_at: '2026-03-02T10:00:00.000Z', duration_minutes: 15, outcome: 'connected', ...parent, ...body });
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
    ...recordCases({
      'PATCH /api/v1/activities/{id}': { create: async (app, admin) => (await createActivity(app, admin)).id, send: { outcome: 'left_voicemail' }, expected: { action: 'update', object_type: 'activity', changes: { outcome: { from: 'connected', to: 'left_voicemail' } } } },
      'DELETE /api/v1/activities/{id}': { create: async (app, admin) => (await createActivity(app, admin, { subject: 'Doomed' })).id, expected: { action: 'delete', object_type: 'activity', changes: { subject: { from: 'Doomed', to: null } } } },
    }),
  },
};
export default fixture;
