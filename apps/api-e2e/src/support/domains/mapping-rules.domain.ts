import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createDeal } from './deals.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

/** Creates a mapping rule (to the given deal, or a new one); returns its id. */
export async function createMappingRule(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const deal = (body['deal_id'] ?? body['task_id']) ? {} : { deal_id: await createDeal(app, admin) };
  const res = await http(app).post('/api/v1/mapping-rules').set(auth(admin)).send({ name: 'Website work', project_name: 'Website', ...deal, ...body }).expect(201);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'mapping-rules',
  create: (app, admin) => createMappingRule(app, admin),
  bodies: { 'PATCH /api/v1/mapping-rules/{id}': { name: 'Hijacked' } },
  audit: {
    'POST /api/v1/mapping-rules': {
      setup: async (app, admin) => ({ deal: await createDeal(app, admin) }),
      call: async (app, admin, s) => {
        const id = await createMappingRule(app, admin, { name: 'Design', tags: ['design'], deal_id: s.deal });
        return { expected: { action: 'create', object_type: 'mapping_rule', object_id: id, actor_id: admin.userId, changes: { name: { from: null, to: 'Design' }, deal_id: { from: null, to: s.deal }, tags: { from: null, to: ['design'] } } } };
      },
    },
    'PATCH /api/v1/mapping-rules/{id}': {
      setup: async (app, admin) => ({ id: await createMappingRule(app, admin, { name: 'Old' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/mapping-rules/${s.id}`).set(auth(admin)).send({ name: 'New', enabled: false }).expect(200);
        return { expected: { action: 'update', object_type: 'mapping_rule', object_id: s.id, changes: { name: { from: 'Old', to: 'New' }, enabled: { from: true, to: false } } } };
      },
    },
    'DELETE /api/v1/mapping-rules/{id}': {
      setup: async (app, admin) => ({ id: await createMappingRule(app, admin, { name: 'Doomed' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/mapping-rules/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'mapping_rule', object_id: s.id, changes: { name: { from: 'Doomed', to: null } } } };
      },
    },
  },
};
export default fixture;
