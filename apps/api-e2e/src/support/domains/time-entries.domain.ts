import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { createDeal } from './deals.domain';
import { auth, postCreated, http, recordCases, type DomainFixture } from './domain-fixture';

/** A valid time-entry body (CONTRACT.md); one hour of app time on the given day. */
export function timeEntryBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    start_time: '2026-03-02T09:00:00.000Z',
    end_time: '2026-03-02T10:00:00.000Z',
    duration_seconds: 3600,
    activity_type: 'app',
    productivity_score: 0.8,
    source: 'agent',
    ...extra,
  };
}

export async function createTimeEntry(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  return (await postCreated(app, admin.accessToken, '/api/v1/time-entries', timeEntryBody(body))).id;
}

const fixture: DomainFixture = {
  resource: 'time-entries',
  create: (app, admin) => createTimeEntry(app, admin, { project_name: 'Fixture' }),
  bodies: {
    'PATCH /api/v1/time-entries/{id}': { project_name: 'Hijacked' },
    'POST /api/v1/time-entries/{id}/assign': { deal_id: '0190a5e0-0000-7000-8000-000000000000' },
  },
  audit: {
    'POST /api/v1/time-entries': {
      call: async (app, admin) => {
        const id = await createTimeEntry(app, admin, { project_name: 'Website relaunch', external_id: 'audit-single' });
        return {
          expected: {
            action: 'create',
            object_type: 'time_entry',
            object_id: id,
            actor_id: admin.userId,
            changes: { project_name: { from: null, to: 'Website relaunch' }, external_id: { from: null, to: 'audit-single' }, mapping_status: { from: null, to: 'unmapped' } },
          },
        };
      },
    },
    'POST /api/v1/time-entries/batch': {
      call: async (app, admin) => {
        const res = await http(app).post('/api/v1/time-entries/batch').set(auth(admin.accessToken)).send({ entries: [timeEntryBody({ external_id: 'audit-batch', project_name: 'Batch' })] }).expect(200);
        expect(res.body.results).toEqual([expect.objectContaining({ index: 0, status: 'created' })]);
        return {
          expected: { action: 'create', object_type: 'time_entry', object_id: res.body.results[0].id, actor_id: admin.userId, changes: { external_id: { from: null, to: 'audit-batch' }, project_name: { from: null, to: 'Batch' } } },
        };
      },
    },
    ...recordCases({
      'PATCH /api/v1/time-entries/{id}': { create: (app, admin) => createTimeEntry(app, admin, { project_name: 'Old' }), send: { project_name: 'New', billable: false }, expected: { action: 'update', object_type: 'time_entry', changes: { project_name: { from: 'Old', to: 'New' }, billable: { from: true, to: false } } } },
      'DELETE /api/v1/time-entries/{id}': { create: (app, admin) => createTimeEntry(app, admin, { project_name: 'Doomed' }), expected: { action: 'delete', object_type: 'time_entry', changes: { project_name: { from: 'Doomed', to: null } } } },
    }),
    'POST /api/v1/time-entries/{id}/assign': {
      setup: async (app, admin) => ({ id: await createTimeEntry(app, admin, { project_name: 'Unknown' }), deal: await createDeal(app, admin) }),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/time-entries/${s.id}/assign`).set(auth(admin.accessToken)).send({ deal_id: s.deal }).expect(200);
        return {
          expected: {
            action: 'update',
            object_type: 'time_entry',
            object_id: s.id,
            changes: { deal_id: { from: null, to: s.deal }, mapping_status: { from: 'unmapped', to: 'mapped' }, mapping_rule: { from: null, to: 'manual' }, unmapped_reason: { from: 'no_match', to: null } },
          },
        };
      },
    },
    'POST /api/v1/time-entries/bulk-assign': {
      setup: async (app, admin) => ({ id: await createTimeEntry(app, admin, { project_name: 'Unknown' }), deal: await createDeal(app, admin) }),
      call: async (app, admin, s) => {
        const res = await http(app).post('/api/v1/time-entries/bulk-assign').set(auth(admin.accessToken)).send({ ids: [s.id], deal_id: s.deal }).expect(200);
        expect(res.body).toMatchObject({ updated: 1, data: [{ id: s.id, deal_id: s.deal, mapping_rule: 'manual' }] });
        return {
          expected: {
            action: 'update',
            object_type: 'time_entry',
            object_id: s.id,
            actor_id: admin.userId,
            changes: { deal_id: { from: null, to: s.deal }, mapping_status: { from: 'unmapped', to: 'mapped' }, mapping_rule: { from: null, to: 'manual' } },
          },
        };
      },
    },
  },
};
export default fixture;
