import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createAccount } from './accounts.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Adds a note (as `token`, default the admin) to a record, by default a new account; returns the note. */
export async function createNote(
  app: INestApplication,
  admin: SignedUp,
  body: Record<string, unknown> = {},
  token = admin.accessToken,
): Promise<{ id: string; parent_id: string; body: string; is_private: boolean; author_id: string | null }> {
  const parent = body.parent_id ? {} : { parent_type: 'account', parent_id: await createAccount(app, admin, { name: 'Noted Corp' }) };
  const res = await http(app).post('/api/v1/notes').set(auth(token)).send({ body: 'Called the CFO', ...parent, ...body }).expect(201);
  return res.body;
}

const fixture: DomainFixture = {
  resource: 'notes',
  create: async (app, admin) => (await createNote(app, admin)).id,
  bodies: { 'PATCH /api/v1/notes/{id}': { body: 'Hijacked' } },
  audit: {
    'POST /api/v1/notes': {
      setup: async (app, admin) => ({ account: await createAccount(app, admin, { name: 'Noted Corp' }) }),
      call: async (app, admin, s) => {
        const note = await createNote(app, admin, { parent_type: 'account', parent_id: s.account, body: 'First call' });
        return {
          expected: {
            action: 'create',
            object_type: 'note',
            object_id: note.id,
            actor_id: admin.userId,
            changes: { body: { from: null, to: 'First call' }, parent_type: { from: null, to: 'account' }, parent_id: { from: null, to: s.account }, is_private: { from: null, to: false }, author_id: { from: null, to: admin.userId } },
          },
        };
      },
    },
    'PATCH /api/v1/notes/{id}': {
      setup: async (app, admin) => ({ id: (await createNote(app, admin, { body: 'Old text' })).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/notes/${s.id}`).set(auth(admin.accessToken)).send({ body: 'New text' }).expect(200);
        return { expected: { action: 'update', object_type: 'note', object_id: s.id, actor_id: admin.userId, changes: { body: { from: 'Old text', to: 'New text' } } } };
      },
    },
    'DELETE /api/v1/notes/{id}': {
      setup: async (app, admin) => ({ id: (await createNote(app, admin, { body: 'Doomed' })).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/notes/${s.id}`).set(auth(admin.accessToken)).expect(204);
        return { expected: { action: 'delete', object_type: 'note', object_id: s.id, actor_id: admin.userId, changes: { body: { from: 'Doomed', to: null } } } };
      },
    },
  },
};
export default fixture;
