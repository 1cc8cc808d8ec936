import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

export async function createAccount(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  return (await postCreated(app, admin.accessToken, '/api/v1/accounts', { name: 'Acme Corp', ...body })).id;
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
    ...recordCases({
      'PUT /api/v1/accounts/{id}': { create: (app, admin) => createAccount(app, admin, { name: 'Old', industry: 'Retail' }), send: { name: 'New' }, expected: { action: 'update', object_type: 'account', changes: { name: { from: 'Old', to: 'New' }, industry: { from: 'Retail', to: null } } } },
      'PATCH /api/v1/accounts/{id}': { create: (app, admin) => createAccount(app, admin, { name: 'Old', industry: 'Retail' }), send: { phone: '+1 555 0100' }, expected: { action: 'update', object_type: 'account', changes: { phone: { from: null, to: '+1 555 0100' } } } },
      'DELETE /api/v1/accounts/{id}': { create: (app, admin) => createAccount(app, admin, { name: 'Doomed' }), expected: { action: 'delete', object_type: 'account', changes: { name: { from: 'Doomed', to: null } } } },
    }),
  },
};
export default fixture;
