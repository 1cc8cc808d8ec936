import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { createAccount } from './accounts.domain';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

/** Adds a note (as `token`, default the admin) to a record, by default a new account; returns the note. */
export async function createNote(
  app: INestApplication,
  admin: SignedUp,
  body: Record<string, unknown> = {},
  token = admin.accessToken,
): Promise<{ id: string; parent_id: string; body: string; is_private: boolean; author_id: string | null }> {
  const parent = body.parent_id ? {} : { parent_type: 'account', parent_id: await createAccount(app, admin, { name: 'Noted Corp' }) };
  return postCreated(app, token, '/api/v1/notes', { body: 'Called the CFO', ...parent, ...body });
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
    ...recordCases({
      'PATCH /api/v1/notes/{id}': { create: async (app, admin) => (await createNote(app, admin, { body: 'Old text' })).id, send: { body: 'New text' }, expected: { action: 'update', object_type: 'note', changes: { body: { from: 'Old text', to: 'New text' } } } },
      'DELETE /api/v1/notes/{id}': { create: async (app, admin) => (await createNote(app, admin, { body: 'Doomed' })).id, expected: { action: 'delete', object_type: 'note', changes: { body: { from: 'Doomed', to: null } } } },
    }),
  },
};
export default fixture;
