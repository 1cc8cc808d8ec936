import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createContact } from './contacts.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

/** A bulk edit writes one audit row per record changed, as the record's own PATCH does. */
export async function createBulkEdit(app: INestApplication, admin: SignedUp): Promise<string> {
  const contact = await createContact(app, admin);
  const res = await http(app).post('/api/v1/bulk-edits').set(auth(admin)).send({ kind: 'contacts', selection: { ids: [contact] }, patch: { add_tags: ['bulk'] } }).expect(200);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'bulk-edits',
  create: (app, admin) => createBulkEdit(app, admin),
  audit: {
    'POST /api/v1/bulk-edits': {
      setup: async (app, admin) => ({ id: await createContact(app, admin, { tags: ['old'] }) }),
      call: async (app, admin, s) => {
        await http(app).post('/api/v1/bulk-edits').set(auth(admin)).send({ kind: 'contacts', selection: { ids: [s.id] }, patch: { add_tags: ['new'], remove_tags: ['old'] } }).expect(200);
        return { expected: { action: 'update', object_type: 'contact', object_id: s.id, actor_id: admin.userId, changes: { tags: { from: ['old'], to: ['new'] } } } };
      },
    },
  },
};
export default fixture;
