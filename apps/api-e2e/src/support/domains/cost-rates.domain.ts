import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

/** `POST /cost-rates` (role `sales` from 2026-01-01 unless the body says otherwise); returns the id. */
export async function createCostRate(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  return (await postCreated(app, admin.accessToken, '/api/v1/cost-rates', { role: 'sales', hourly_cost: '40.00', currency: 'USD', valid_from: '2026-01-01', ...body })).id;
}

/** A one-day period of its own per call, so records the generated tests create never overlap (409). */
let created = 0;
const ownDay = () => new Date(Date.UTC(2030, 0, 1) + (created++ * 7 + Math.floor(Math.random() * 7)) * 86_400_000).toISOString().slice(0, 10);

const fixture: DomainFixture = {
  resource: 'cost-rates',
  create: async (app, admin) => {
    const day = ownDay();
    return createCostRate(app, admin, { role: undefined, user_id: admin.userId, valid_from: day, valid_to: day });
  },
  bodies: { 'PATCH /api/v1/cost-rates/{id}': { hourly_cost: '1.00' } },
  audit: {
    'POST /api/v1/cost-rates': {
      call: async (app, admin) => {
        const id = await createCostRate(app, admin, { role: 'support', hourly_cost: '35.5', currency: 'eur' });
        return { expected: { action: 'create', object_type: 'cost_rate', object_id: id, actor_id: admin.userId, changes: { level: { from: null, to: 'role' }, role: { from: null, to: 'support' }, hourly_cost: { from: null, to: '35.50' }, currency: { from: null, to: 'EUR' } } } };
      },
    },
    ...recordCases({
      'PATCH /api/v1/cost-rates/{id}': { create: (app, admin) => createCostRate(app, admin, { role: 'manager', hourly_cost: '50.00' }), send: { hourly_cost: '55.00', valid_to: '2026-12-31' }, expected: { action: 'update', object_type: 'cost_rate', changes: { hourly_cost: { from: '50.00', to: '55.00' }, valid_to: { from: null, to: '2026-12-31' } } } },
      'DELETE /api/v1/cost-rates/{id}': { create: (app, admin) => createCostRate(app, admin, { role: 'admin', hourly_cost: '60.00' }), expected: { action: 'delete', object_type: 'cost_rate', changes: { hourly_cost: { from: '60.00', to: null } } } },
    }),
  },
};
export default fixture;
