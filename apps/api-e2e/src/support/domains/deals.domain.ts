import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

/** Creates a deal as the given caller (an organization's admin); returns its id. */
export async function createDeal(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/deals').set(auth(admin)).send({ name: 'Acme rollout', ...body }).expect(201);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'deals',
  create: (app, admin) => createDeal(app, admin),
  bodies: {
    'PUT /api/v1/deals/{id}': { name: 'Hijacked' },
    'PATCH /api/v1/deals/{id}': { name: 'Hijacked' },
    'POST /api/v1/deals/{id}/close': { outcome: 'lost', reason: 'Hijacked' },
  },
  audit: {
    'POST /api/v1/deals': {
      call: async (app, admin) => {
        const id = await createDeal(app, admin, { name: 'Globex renewal', value: 1200.5, currency: 'eur' });
        return {
          expected: {
            action: 'create',
            object_type: 'deal',
            object_id: id,
            actor_id: admin.userId,
            changes: { name: { from: null, to: 'Globex renewal' }, value: { from: null, to: '1200.50' }, currency: { from: null, to: 'EUR' }, stage: { from: null, to: 'prospecting' }, owner_id: { from: null, to: admin.userId } },
          },
        };
      },
    },
    'PUT /api/v1/deals/{id}': {
      setup: async (app, admin) => ({ id: await createDeal(app, admin, { name: 'Old', description: 'Pilot', stage: 'proposal' }) }),
      call: async (app, admin, s) => {
        await http(app).put(`/api/v1/deals/${s.id}`).set(auth(admin)).send({ name: 'New', stage: 'negotiation' }).expect(200);
        return { expected: { action: 'update', object_type: 'deal', object_id: s.id, changes: { name: { from: 'Old', to: 'New' }, description: { from: 'Pilot', to: null }, stage: { from: 'proposal', to: 'negotiation' } } } };
      },
    },
    'PATCH /api/v1/deals/{id}': {
      setup: async (app, admin) => ({ id: await createDeal(app, admin, { name: 'Old', value: '100' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/deals/${s.id}`).set(auth(admin)).send({ value: '250.75' }).expect(200);
        return { expected: { action: 'update', object_type: 'deal', object_id: s.id, changes: { value: { from: '100.00', to: '250.75' } } } };
      },
    },
    'DELETE /api/v1/deals/{id}': {
      setup: async (app, admin) => ({ id: await createDeal(app, admin, { name: 'Doomed' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/deals/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'deal', object_id: s.id, changes: { name: { from: 'Doomed', to: null } } } };
      },
    },
    'POST /api/v1/deals/{id}/close': {
      setup: async (app, admin) => ({ id: await createDeal(app, admin, { name: 'Closing', stage: 'negotiation' }) }),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/deals/${s.id}/close`).set(auth(admin)).send({ outcome: 'won', reason: 'Budget approved' }).expect(200);
        return {
          expected: {
            action: 'close',
            object_type: 'deal',
            object_id: s.id,
            actor_id: admin.userId,
            changes: { stage: { from: 'negotiation', to: 'won' }, close_reason: { from: null, to: 'Budget approved' }, closed_at: { from: null } },
          },
        };
      },
    },
  },
};
export default fixture;
