import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { auth, http, recordCases, type DomainFixture } from './domain-fixture';

/** A weekly CSV of last week's time per deal, Mondays 08:00 Berlin, unless `body` says otherwise. */
export const SCHEDULE_BODY = {
  report: 'time-per-deal',
  params: { range: 'last_week' },
  frequency: 'weekly',
  weekday: 1,
  hour: 8,
  timezone: 'Europe/Berlin',
  recipients: ['finance@example.com'],
  format: 'csv',
};

export function postSchedule(app: INestApplication, token: string, body: Record<string, unknown> = {}): request.Test {
  return http(app).post('/api/v1/report-schedules').set(auth(token)).send({ ...SCHEDULE_BODY, ...body });
}

/** Creates a schedule (201 expected); returns it. */
export async function createSchedule(app: INestApplication, token: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string }> {
  const res = await postSchedule(app, token, body);
  if (res.status !== 201) throw new Error(`POST /report-schedules answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const fixture: DomainFixture = {
  resource: 'report-schedules',
  create: async (app, admin: SignedUp) => (await createSchedule(app, admin.accessToken)).id,
  bodies: { 'PATCH /api/v1/report-schedules/{id}': { hour: 9 } },
  audit: {
    'POST /api/v1/report-schedules': {
      call: async (app, admin) => {
        const s = await createSchedule(app, admin.accessToken, { recipients: ['ceo@example.com'] });
        return {
          expected: {
            action: 'create',
            object_type: 'report_schedule',
            object_id: s.id,
            actor_id: admin.userId,
            changes: { report: { from: null, to: 'time-per-deal' }, frequency: { from: null, to: 'weekly' }, recipients: { from: null, to: ['ceo@example.com'] } },
          },
        };
      },
    },
    ...recordCases({
      'PATCH /api/v1/report-schedules/{id}': { create: async (app, admin) => (await createSchedule(app, admin.accessToken)).id, send: { format: 'pdf' }, expected: { action: 'update', object_type: 'report_schedule', changes: { format: { from: 'csv', to: 'pdf' } } } },
      'DELETE /api/v1/report-schedules/{id}': { create: async (app, admin) => (await createSchedule(app, admin.accessToken)).id, expected: { action: 'delete', object_type: 'report_schedule', changes: { report: { from: 'time-per-deal', to: null } } } },
    }),
  },
};
export default fixture;
