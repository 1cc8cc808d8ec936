import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { auth, postCreated, http, recordCases, type DomainFixture } from './domain-fixture';

/** Creates a deal as the given caller (an organization's admin); returns its id. */
export async function createDeal(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  return (await postCreated(app, admin.accessToken, '/api/v1/deals', { name: 'Acme rollout', ...body })).id;
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
    ...recordCases({
      'PUT /api/v1/deals/{id}': { create: (app, admin) => createDeal(app, admin, { name: 'Old', description: 'Pilot', stage: 'proposal' }), send: { name: 'New', stage: 'negotiation' }, expected: { action: 'update', object_type: 'deal', changes: { name: { from: 'Old', to: 'New' }, description: { from: 'Pilot', to: null }, stage: { from: 'proposal', to: 'negotiation' } } } },
      'PATCH /api/v1/deals/{id}': { create: (app, admin) => createDeal(app, admin, { name: 'Old', value: '100' }), send: { value: '250.75' }, expected: { action: 'update', object_type: 'deal', changes: { value: { from: '100.00', to: '250.75' } } } },
      'DELETE /api/v1/deals/{id}': { create: (app, admin) => createDeal(app, admin, { name: 'Doomed' }), expected: { action: 'delete', object_type: 'deal', changes: { name: { from: 'Doomed', to: null } } } },
    }),
    'POST /api/v1/deals/{id}/close': {
      setup: async (app, admin) => ({ id: await createDeal(app, admin, { name: 'Closing', stage: 'negotiation' }) }),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/deals/${s.id}/close`).set(auth(admin.accessToken)).send({ outcome: 'won', reason: 'Budget approved' }).expect(200);
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
