import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

/** `POST /cost-rates` (role `sales` from 2026-01-01 unless the body says otherwise); returns the id. */
export async function createCostRate(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/cost-rates').set(auth(admin)).send({ role: 'sales', hourly_cost: '40.00', currency: 'USD', valid_from: '2026-01-01', ...body }).expect(201);
  return res.body.id;
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
    'PATCH /api/v1/cost-rates/{id}': {
      setup: async (app, admin) => ({ id: await createCostRate(app, admin, { role: 'manager', hourly_cost: '50.00' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/cost-rates/${s.id}`).set(auth(admin)).send({ hourly_cost: '55.00', valid_to: '2026-12-31' }).expect(200);
        return { expected: { action: 'update', object_type: 'cost_rate', object_id: s.id, changes: { hourly_cost: { from: '50.00', to: '55.00' }, valid_to: { from: null, to: '2026-12-31' } } } };
      },
    },
    'DELETE /api/v1/cost-rates/{id}': {
      setup: async (app, admin) => ({ id: await createCostRate(app, admin, { role: 'admin', hourly_cost: '60.00' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/cost-rates/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'cost_rate', object_id: s.id, changes: { hourly_cost: { from: '60.00', to: null } } } };
      },
    },
  },
};
export default fixture;
