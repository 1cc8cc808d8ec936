import request from 'supertest';
import type { DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'onboarding',
  audit: {
    'POST /api/v1/onboarding/dismiss': {
      call: async (app, admin) => {
        await request(app.getHttpServer()).post('/api/v1/onboarding/dismiss').set('Authorization', `Bearer ${admin.accessToken}`).send({}).expect(200);
        return { expected: { action: 'dismiss', object_type: 'onboarding', object_id: admin.organizationId, actor_id: admin.userId, changes: { dismissed: { from: false, to: true } } } };
      },
    },
  },
};
export default fixture;
