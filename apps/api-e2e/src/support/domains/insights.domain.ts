import request from 'supertest';
import { createDeal } from './deals.domain';
import type { DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'insights',
  // The {id} of /insights/deals/{id}/win-probability is a deal.
  create: (app, admin) => createDeal(app, admin, { name: 'Insights deal', value: 5000 }),
  audit: {
    'POST /api/v1/insights/win-model/train': {
      call: async (app, admin) => {
        const res = await request(app.getHttpServer()).post('/api/v1/insights/win-model/train').set('Authorization', `Bearer ${admin.accessToken}`).send({}).expect(202);
        expect(res.body).toEqual({ queued: true });
        return { expected: { action: 'request_training', object_type: 'win_model', object_id: null, actor_id: admin.userId } };
      },
    },
  },
};
export default fixture;
