import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { postCreated, recordCases, type DomainFixture } from './domain-fixture';

/** Saves a view (as `token`, default the admin), by default a private view of the contacts list; returns it. */
export async function createSavedView(
  app: INestApplication,
  admin: SignedUp,
  body: Record<string, unknown> = {},
  token = admin.accessToken,
): Promise<{ id: string; list: string; name: string; filters: Record<string, string>; visibility: string; owner_id: string; is_default: boolean; editable: boolean }> {
  return postCreated(app, token, '/api/v1/saved-views', { list: 'contacts', name: 'My contacts', filters: { q: 'acme' }, ...body });
}

const fixture: DomainFixture = {
  resource: 'saved-views',
  create: async (app, admin) => (await createSavedView(app, admin)).id,
  bodies: { 'PATCH /api/v1/saved-views/{id}': { name: 'Hijacked' } },
  unaudited: {
    'PUT /api/v1/saved-views/{id}/default': "a user's own preference (which view opens first), like marking notifications read",
    'DELETE /api/v1/saved-views/{id}/default': "a user's own preference (which view opens first), like marking notifications read",
  },
  audit: {
    'POST /api/v1/saved-views': {
      call: async (app, admin) => {
        const view = await createSavedView(app, admin, { name: 'Acme people', visibility: 'organization' });
        return {
          expected: {
            action: 'create',
            object_type: 'saved_view',
            object_id: view.id,
            actor_id: admin.userId,
            changes: { name: { from: null, to: 'Acme people' }, list: { from: null, to: 'contacts' }, visibility: { from: null, to: 'organization' }, owner_id: { from: null, to: admin.userId } },
          },
        };
      },
    },
    ...recordCases({
      'PATCH /api/v1/saved-views/{id}': { create: async (app, admin) => (await createSavedView(app, admin, { name: 'Old name' })).id, send: { name: 'New name' }, expected: { action: 'update', object_type: 'saved_view', changes: { name: { from: 'Old name', to: 'New name' } } } },
      'DELETE /api/v1/saved-views/{id}': { create: async (app, admin) => (await createSavedView(app, admin, { name: 'Doomed' })).id, expected: { action: 'delete', object_type: 'saved_view', changes: { name: { from: 'Doomed', to: null } } } },
    }),
  },
};
export default fixture;
