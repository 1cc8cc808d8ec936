import request from 'supertest';
import type { DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'organization/settings',
  audit: {
    'PATCH /api/v1/organization/settings': {
      call: async (app, admin) => {
        await request(app.getHttpServer()).patch('/api/v1/organization/settings').set('Authorization', `Bearer ${admin.accessToken}`).send({ invoices_require_approval: true }).expect(200);
        return { expected: { action: 'update', object_type: 'organization_settings', actor_id: admin.userId, changes: { invoices_require_approval: { from: false, to: true } } } };
      },
    },
  },
};
export default fixture;
