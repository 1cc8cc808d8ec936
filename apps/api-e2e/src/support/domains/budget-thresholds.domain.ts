import request from 'supertest';
import type { DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'budget-thresholds',
  audit: {
    'PUT /api/v1/budget-thresholds': {
      call: async (app, admin) => {
        await request(app.getHttpServer()).put('/api/v1/budget-thresholds').set('Authorization', `Bearer ${admin.accessToken}`).send({ thresholds: [75, 90, 100, 120] }).expect(200);
        return {
          expected: {
            action: 'update',
            object_type: 'budget_thresholds',
            object_id: admin.organizationId,
            actor_id: admin.userId,
            changes: { thresholds: { from: [50, 80, 100], to: [75, 90, 100, 120] } },
          },
        };
      },
    },
  },
};
export default fixture;
