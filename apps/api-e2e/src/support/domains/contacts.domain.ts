import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

/** Creates a contact as the given caller (an organization's admin); returns its id. */
export async function createContact(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/contacts').set(auth(admin)).send({ first_name: 'Ada', ...body }).expect(201);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'contacts',
  create: (app, admin) => createContact(app, admin),
  bodies: { 'PUT /api/v1/contacts/{id}': { first_name: 'Hijacked' }, 'PATCH /api/v1/contacts/{id}': { first_name: 'Hijacked' } },
  audit: {
    'POST /api/v1/contacts': {
      call: async (app, admin) => {
        const id = await createContact(app, admin, { first_name: 'Grace', email: ' Grace@Navy.TEST ', tags: ['vip', 'vip'] });
        return {
          expected: {
            action: 'create',
            object_type: 'contact',
            object_id: id,
            actor_id: admin.userId,
            changes: { first_name: { from: null, to: 'Grace' }, email: { from: null, to: '[encrypted]' }, tags: { from: null, to: ['vip'] }, owner_id: { from: null, to: admin.userId } },
          },
        };
      },
    },
    'PUT /api/v1/contacts/{id}': {
      setup: async (app, admin) => ({ id: await createContact(app, admin, { first_name: 'Old', job_title: 'CTO' }) }),
      call: async (app, admin, s) => {
        await http(app).put(`/api/v1/contacts/${s.id}`).set(auth(admin)).send({ first_name: 'New' }).expect(200);
        return { expected: { action: 'update', object_type: 'contact', object_id: s.id, changes: { first_name: { from: 'Old', to: 'New' }, job_title: { from: 'CTO', to: null } } } };
      },
    },
    'PATCH /api/v1/contacts/{id}': {
      setup: async (app, admin) => ({ id: await createContact(app, admin, { first_name: 'Old' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/contacts/${s.id}`).set(auth(admin)).send({ phone: '+1 555 0100' }).expect(200);
        return { expected: { action: 'update', object_type: 'contact', object_id: s.id, changes: { phone: { from: null, to: '[encrypted]' } } } };
      },
    },
    'DELETE /api/v1/contacts/{id}': {
      setup: async (app, admin) => ({ id: await createContact(app, admin, { first_name: 'Doomed' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/contacts/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'contact', object_id: s.id, changes: { first_name: { from: 'Doomed', to: null } } } };
      },
    },
  },
};
export default fixture;
