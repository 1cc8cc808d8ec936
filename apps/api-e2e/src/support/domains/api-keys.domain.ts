import { apiKeyWithRole } from '../org-fixture';
import { http, type DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'api-keys',
  create: async (app, admin) => (await apiKeyWithRole(app, admin.accessToken, 'support')).id,
  audit: {
    'POST /api/v1/api-keys': {
      call: async (app, admin) => {
        const res = await http(app).post('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'Audited key', role: 'sales' }).expect(201);
        return { expected: { action: 'create', object_type: 'api_key', object_id: res.body.id, actor_id: admin.userId, changes: { name: { from: null, to: 'Audited key' }, role: { from: null, to: 'sales' } } } };
      },
    },
    'DELETE /api/v1/api-keys/{id}': {
      setup: async (app, admin) => ({ id: (await apiKeyWithRole(app, admin.accessToken, 'sales')).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/api-keys/${s.id}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(204);
        return { expected: { action: 'revoke', object_type: 'api_key', object_id: s.id, actor_id: admin.userId, changes: { revoked_at: { from: null } } } };
      },
    },
  },
};
export default fixture;
