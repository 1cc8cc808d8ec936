import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { createDeal } from './deals.domain';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

/** Creates a mapping rule (to the given deal, or a new one); returns its id. */
export async function createMappingRule(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const deal = (body['deal_id'] ?? body['task_id']) ? {} : { deal_id: await createDeal(app, admin) };
  return (await postCreated(app, admin.accessToken, '/api/v1/mapping-rules', { name: 'Website work', project_name: 'Website', ...deal, ...body })).id;
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
    ...recordCases({
      'PATCH /api/v1/mapping-rules/{id}': { create: (app, admin) => createMappingRule(app, admin, { name: 'Old' }), send: { name: 'New', enabled: false }, expected: { action: 'update', object_type: 'mapping_rule', changes: { name: { from: 'Old', to: 'New' }, enabled: { from: true, to: false } } } },
      'DELETE /api/v1/mapping-rules/{id}': { create: (app, admin) => createMappingRule(app, admin, { name: 'Doomed' }), expected: { action: 'delete', object_type: 'mapping_rule', changes: { name: { from: 'Doomed', to: null } } } },
    }),
  },
};
export default fixture;
