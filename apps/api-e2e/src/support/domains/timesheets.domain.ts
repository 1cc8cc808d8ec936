import { INestApplication } from '@nestjs/common';
import type { SignedUp } from '../org-fixture';
import { auth, http, recordCases, type DomainFixture } from './domain-fixture';

/** Submits the week holding `date` of `userId` (default the caller); returns the timesheet id. */
export async function submitTimesheet(app: INestApplication, token: string, date: string, userId?: string): Promise<string> {
  const res = await http(app).post('/api/v1/timesheets/submit').set(auth(token)).send({ date, ...(userId ? { user_id: userId } : {}) }).expect(200);
  return res.body.id;
}

export async function approveTimesheet(app: INestApplication, token: string, id: string, comment?: string): Promise<Record<string, unknown>> {
  return (await http(app).post(`/api/v1/timesheets/${id}/approve`).set(auth(token)).send(comment ? { comment } : {}).expect(200)).body;
}

const fixture: DomainFixture = {
  resource: 'timesheets',
  create: (app, admin) => submitTimesheet(app, admin.accessToken, '2025-02-03'),
  bodies: {
    'POST /api/v1/timesheets/{id}/approve': {},
    'POST /api/v1/timesheets/{id}/reject': { comment: 'Wrong deal' },
    'POST /api/v1/timesheets/{id}/reopen': {},
  },
  audit: {
    'POST /api/v1/timesheets/submit': {
      call: async (app, admin: SignedUp) => {
        const id = await submitTimesheet(app, admin.accessToken, '2025-01-08');
        return { expected: { action: 'submit', object_type: 'timesheet', object_id: id, actor_id: admin.userId, changes: { status: { from: null, to: 'submitted' }, period_start: { from: null, to: '2025-01-06' } } } };
      },
    },
    'POST /api/v1/timesheets/{id}/approve': {
      setup: async (app, admin) => ({ id: await submitTimesheet(app, admin.accessToken, '2025-01-13') }),
      call: async (app, admin, s) => {
        await approveTimesheet(app, admin.accessToken, s.id, 'Fine');
        return { expected: { action: 'approve', object_type: 'timesheet', object_id: s.id, changes: { status: { from: 'submitted', to: 'approved' }, comment: { from: null, to: 'Fine' }, time_entries: 0 } } };
      },
    },
    ...recordCases({
      'POST /api/v1/timesheets/{id}/reject': { create: (app, admin) => submitTimesheet(app, admin.accessToken, '2025-01-20'), send: { comment: 'Friday is missing' }, expected: { action: 'reject', object_type: 'timesheet', changes: { status: { from: 'submitted', to: 'rejected' }, comment: { from: null, to: 'Friday is missing' } } } },
    }),
    'POST /api/v1/timesheets/{id}/reopen': {
      setup: async (app, admin) => {
        const id = await submitTimesheet(app, admin.accessToken, '2025-01-27');
        await approveTimesheet(app, admin.accessToken, id);
        return { id };
      },
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/timesheets/${s.id}/reopen`).set(auth(admin.accessToken)).send({ comment: 'Late correction' }).expect(200);
        return { expected: { action: 'reopen', object_type: 'timesheet', object_id: s.id, changes: { status: { from: 'approved', to: 'open' } } } };
      },
    },
  },
};
export default fixture;
