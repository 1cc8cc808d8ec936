import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });
let serial = 0;

/** Defines a custom field as the organization's admin (by default a text field of deals with a fresh key); returns it. */
export async function createCustomField(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<{ id: string; key: string; label: string; version: number }> {
  const res = await http(app)
    .post('/api/v1/custom-fields')
    .set(auth(admin))
    .send({ record_type: 'deal', key: `field_${++serial}_${Date.now() % 100000}`, label: 'Budget code', type: 'text', ...body })
    .expect(201);
  return res.body;
}

const fixture: DomainFixture = {
  resource: 'custom-fields',
  create: async (app, admin) => (await createCustomField(app, admin)).id,
  bodies: { 'PATCH /api/v1/custom-fields/{id}': { label: 'Hijacked' } },
  audit: {
    'POST /api/v1/custom-fields': {
      call: async (app, admin) => {
        const field = await createCustomField(app, admin, { key: 'region', label: 'Region', type: 'single_select', options: ['North', 'South'] });
        return {
          expected: {
            action: 'create',
            object_type: 'custom_field',
            object_id: field.id,
            actor_id: admin.userId,
            changes: { key: { from: null, to: 'region' }, label: { from: null, to: 'Region' }, type: { from: null, to: 'single_select' }, options: { from: null, to: ['North', 'South'] } },
          },
        };
      },
    },
    'PATCH /api/v1/custom-fields/{id}': {
      setup: async (app, admin) => ({ id: (await createCustomField(app, admin, { label: 'Old label' })).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/custom-fields/${s.id}`).set(auth(admin)).send({ label: 'New label' }).expect(200);
        return { expected: { action: 'update', object_type: 'custom_field', object_id: s.id, actor_id: admin.userId, changes: { label: { from: 'Old label', to: 'New label' } } } };
      },
    },
    'DELETE /api/v1/custom-fields/{id}': {
      setup: async (app, admin) => ({ id: (await createCustomField(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/custom-fields/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'custom_field', object_id: s.id, actor_id: admin.userId, changes: { deleted_at: { from: null, to: expect.any(String) } } } };
      },
    },
    'POST /api/v1/custom-fields/{id}/restore': {
      setup: async (app, admin) => {
        const { id } = await createCustomField(app, admin);
        await http(app).delete(`/api/v1/custom-fields/${id}`).set(auth(admin)).expect(204);
        return { id };
      },
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/custom-fields/${s.id}/restore`).set(auth(admin)).expect(200);
        return { expected: { action: 'restore', object_type: 'custom_field', object_id: s.id, actor_id: admin.userId, changes: { deleted_at: { from: expect.any(String), to: null } } } };
      },
    },
  },
};
export default fixture;
