import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

export async function createAccount(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/accounts').set(auth(admin)).send({ name: 'Acme Corp', ...body }).expect(201);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'accounts',
  create: (app, admin) => createAccount(app, admin),
  bodies: { 'PUT /api/v1/accounts/{id}': { name: 'Hijacked' }, 'PATCH /api/v1/accounts/{id}': { name: 'Hijacked' } },
  audit: {
    'POST /api/v1/accounts': {
      call: async (app, admin) => {
        const id = await createAccount(app, admin, { name: 'Globex', industry: 'Energy' });
        return { expected: { action: 'create', object_type: 'account', object_id: id, actor_id: admin.userId, changes: { name: { from: null, to: 'Globex' }, industry: { from: null, to: 'Energy' }, owner_id: { from: null, to: admin.userId } } } };
      },
    },
    'PUT /api/v1/accounts/{id}': {
      setup: async (app, admin) => ({ id: await createAccount(app, admin, { name: 'Old', industry: 'Retail' }) }),
      call: async (app, admin, s) => {
        await http(app).put(`/api/v1/accounts/${s.id}`).set(auth(admin)).send({ name: 'New' }).expect(200);
        return { expected: { action: 'update', object_type: 'account', object_id: s.id, changes: { name: { from: 'Old', to: 'New' }, industry: { from: 'Retail', to: null } } } };
      },
    },
    'PATCH /api/v1/accounts/{id}': {
      setup: async (app, admin) => ({ id: await createAccount(app, admin, { name: 'Old', industry: 'Retail' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/accounts/${s.id}`).set(auth(admin)).send({ phone: '+1 555 0100' }).expect(200);
        return { expected: { action: 'update', object_type: 'account', object_id: s.id, changes: { phone: { from: null, to: '+1 555 0100' } } } };
      },
    },
    'DELETE /api/v1/accounts/{id}': {
      setup: async (app, admin) => ({ id: await createAccount(app, admin, { name: 'Doomed' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/accounts/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'account', object_id: s.id, changes: { name: { from: 'Doomed', to: null } } } };
      },
    },
  },
};
export default fixture;
