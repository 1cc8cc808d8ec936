import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createRate } from '../billing-fixture';
import type { SignedUp } from '../org-fixture';
import { createDeal } from './deals.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

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
    'PATCH /api/v1/rates/{id}': {
      setup: async (app, admin) => ({ id: await createRate(app, admin, { hourly_rate: '120.00' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/rates/${s.id}`).set(auth(admin)).send({ hourly_rate: '130.00', valid_to: '2026-12-31' }).expect(200);
        return { expected: { action: 'update', object_type: 'rate', object_id: s.id, changes: { hourly_rate: { from: '120.00', to: '130.00' }, valid_to: { from: null, to: '2026-12-31' } } } };
      },
    },
    'DELETE /api/v1/rates/{id}': {
      setup: async (app, admin) => ({ id: await createRate(app, admin, { hourly_rate: '99.00' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/rates/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'rate', object_id: s.id, changes: { hourly_rate: { from: '99.00', to: null } } } };
      },
    },
  },
};
export default fixture;
