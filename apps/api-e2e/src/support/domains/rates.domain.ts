import { createRate } from '../billing-fixture';
import { createDeal } from './deals.domain';
import { recordCases, type DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'rates',
  create: async (app, admin) => createRate(app, admin, { deal_id: await createDeal(app, admin), hourly_rate: '90.00' }),
  bodies: { 'PATCH /api/v1/rates/{id}': { hourly_rate: '1.00' } },
  audit: {
    'POST /api/v1/rates': {
      call: async (app, admin) => {
        const id = await createRate(app, admin, { hourly_rate: '120.5', currency: 'eur' });
        return { expected: { action: 'create', object_type: 'rate', object_id: id, actor_id: admin.userId, changes: { level: { from: null, to: 'organization' }, hourly_rate: { from: null, to: '120.50' }, currency: { from: null, to: 'EUR' } } } };
      },
    },
    ...recordCases({
      'PATCH /api/v1/rates/{id}': { create: (app, admin) => createRate(app, admin, { hourly_rate: '120.00' }), send: { hourly_rate: '130.00', valid_to: '2026-12-31' }, expected: { action: 'update', object_type: 'rate', changes: { hourly_rate: { from: '120.00', to: '130.00' }, valid_to: { from: null, to: '2026-12-31' } } } },
      'DELETE /api/v1/rates/{id}': { create: (app, admin) => createRate(app, admin, { hourly_rate: '99.00' }), expected: { action: 'delete', object_type: 'rate', changes: { hourly_rate: { from: '99.00', to: null } } } },
    }),
  },
};
export default fixture;
