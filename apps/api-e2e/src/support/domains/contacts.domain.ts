import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

/** Creates a contact as the given caller (an organization's admin); returns its id. */
export async function createContact(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  return (await postCreated(app, admin.accessToken, '/api/v1/contacts', { first_name: 'Ada', ...body })).id;
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
    ...recordCases({
      'PUT /api/v1/contacts/{id}': { create: (app, admin) => createContact(app, admin, { first_name: 'Old', job_title: 'CTO' }), send: { first_name: 'New' }, expected: { action: 'update', object_type: 'contact', changes: { first_name: { from: 'Old', to: 'New' }, job_title: { from: 'CTO', to: null } } } },
      'PATCH /api/v1/contacts/{id}': { create: (app, admin) => createContact(app, admin, { first_name: 'Old' }), send: { phone: '+1 555 0100' }, expected: { action: 'update', object_type: 'contact', changes: { phone: { from: null, to: '[encrypted]' } } } },
      'DELETE /api/v1/contacts/{id}': { create: (app, admin) => createContact(app, admin, { first_name: 'Doomed' }), expected: { action: 'delete', object_type: 'contact', changes: { first_name: { from: 'Doomed', to: null } } } },
    }),
  },
};
export default fixture;
