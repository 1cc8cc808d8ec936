import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ReviewQueueRemapper } from '@clockwork/server-time-entries';
import { QUEUES, RETENTION_JOB } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createDeal } from '../support/domains/deals.domain';
import { CreatedIntegration, createIntegration, sendCrmEvent } from '../support/domains/integrations.domain';
import { putRetentionPolicy } from '../support/domains/retention-policies.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { approveTimesheet } from '../support/domains/timesheets.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { createWorkerApp } from '../support/worker-app';

const at = (day: string, from: number, hours: number) => ({
  start_time: `${day}T${String(from).padStart(2, '0')}:00:00.000Z`,
  end_time: `${day}T${String(from + hours).padStart(2, '0')}:00:00.000Z`,
  duration_seconds: hours * 3600,
});

/**
 * An approved timesheet locks its period's time entries on every write path: PATCH, DELETE,
 * assign, bulk-assign, a newer agent version by the batch, the single POST and the signed
 * webhook (kept in the sync conflicts instead), re-mapping after a rule change and retention.
 * Reopening (admins) unlocks them.
 */
describe('timesheet approval locks time entries', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let databaseName: string | undefined;
  let admin: SignedUp;
  let manager: { id: string; token: string };
  let person: { id: string; token: string };
  let integration: CreatedIntegration;
  let deal: string;
  let timesheetId: string;
  const ids: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const row = async (id: string) => (await db.query(`SELECT * FROM time_entries WHERE organization_id = $1 AND id = $2`, [admin.organizationId, id]))[0];
  const lockMessage = () => new RegExp(`Time entry .* is locked by approved timesheet ${timesheetId}`);

  beforeAll(async () => {
    // A database and queue prefix of its own: this file's worker handles only its jobs.
    const created = await createMigratedDatabase('ck_e2e_timesheet_locks');
    databaseName = created.name;
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-timesheets` };
    app = await createApiApp(env);
    worker = await createWorkerApp({ ...env, OUTBOX_POLL_MS: '60000' });
    db = app.get(DataSource);
    admin = await signup(app, 'Timesheet Locks');
    manager = await userWithRole(app, admin.accessToken, 'manager');
    person = await userWithRole(app, admin.accessToken, 'sales');
    integration = await createIntegration(app, admin);
    deal = await createDeal(app, admin, { name: 'Locked work' });
    const entry = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await http().post('/api/v1/time-entries').set(as(admin.accessToken)).send(timeEntryBody({ user_id: person.id, updated_at: '2026-03-02T12:00:00.000Z', ...body })).expect(201)).body.id;
    };
    // The week of Monday 2026-03-02: two hours on the deal and one unmapped hour; the next week one unmapped hour.
    await entry('mapped', { ...at('2026-03-02', 9, 1), deal_id: deal, external_id: 'lock-mapped' });
    await entry('webhooked', { ...at('2026-03-03', 9, 1), deal_id: deal, external_id: 'lock-webhooked' });
    await entry('unmapped', { ...at('2026-03-08', 22, 1), project_name: 'Orion', external_id: 'lock-unmapped' });
    await entry('nextWeek', { ...at('2026-03-09', 0, 1), project_name: 'Orion', external_id: 'next-week' });
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('a person submits their week; a manager approves it, stamping exactly the entries of its UTC days', async () => {
    const submitted = await http().post('/api/v1/timesheets/submit').set(as(person.token)).send({ date: '2026-03-05' }).expect(200);
    timesheetId = submitted.body.id;
    expect(submitted.body).toMatchObject({ user_id: person.id, period_start: '2026-03-02', period_end: '2026-03-09', status: 'submitted', total_seconds: 3 * 3600 });
    expect(submitted.body.by_deal).toEqual([
      { deal_id: deal, deal_name: 'Locked work', seconds: 2 * 3600 },
      { deal_id: null, deal_name: null, seconds: 3600 },
    ]);
    await http().post(`/api/v1/timesheets/${timesheetId}/approve`).set(as(person.token)).send({}).expect(403);
    const approved = await approveTimesheet(app, manager.token, timesheetId, 'Looks right');
    expect(approved).toMatchObject({ status: 'approved', comment: 'Looks right', decided_by: manager.id });
    const stamped = await db.query(`SELECT id FROM time_entries WHERE organization_id = $1 AND approved_timesheet_id = $2 ORDER BY id`, [admin.organizationId, timesheetId]);
    expect(stamped.map((r: { id: string }) => r.id)).toEqual([ids['mapped'], ids['webhooked'], ids['unmapped']].sort());
    const audit = await db.query(`SELECT action, actor_id, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 ORDER BY created_at, id`, [admin.organizationId, timesheetId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['submit', 'approve']);
    expect(audit[1]).toMatchObject({ actor_id: manager.id, changes: { time_entries: 3, status: { from: 'submitted', to: 'approved' } } });
    const events = await db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY id`, [admin.organizationId, timesheetId]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['timesheet.submitted', 'timesheet.approved']);
    const told = await http().get('/api/v1/notifications').set(as(person.token)).expect(200);
    expect(told.body.data.map((n: { kind: string }) => n.kind)).toContain('timesheet.approved');
  });

  it('PATCH, DELETE, assign and bulk-assign of a locked entry are 409 naming the timesheet, and change nothing', async () => {
    const before = await row(ids['mapped']);
    const tries = [
      http().patch(`/api/v1/time-entries/${ids['mapped']}`).set(as(manager.token)).send({ project_name: 'Changed' }),
      http().delete(`/api/v1/time-entries/${ids['mapped']}`).set(as(manager.token)),
      http().post(`/api/v1/time-entries/${ids['unmapped']}/assign`).set(as(manager.token)).send({ deal_id: deal }),
      http().post('/api/v1/time-entries/bulk-assign').set(as(manager.token)).send({ ids: [ids['unmapped']], deal_id: deal }),
    ];
    for (const attempt of tries) {
      const res = await attempt;
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 409, error: 'Conflict' });
      expect(res.body.message).toMatch(lockMessage());
    }
    expect(await row(ids['mapped'])).toEqual(before);
    expect(await row(ids['unmapped'])).toMatchObject({ mapping_status: 'unmapped', deal_id: null });
  });

  it('a newer agent version by batch or single POST keeps the entry as approved and lands in the sync conflicts', async () => {
    const newer = timeEntryBody({ user_id: person.id, deal_id: deal, external_id: 'lock-mapped', ...at('2026-03-02', 9, 2), updated_at: '2026-03-10T00:00:00.000Z' });
    const batch = await http().post('/api/v1/time-entries/batch').set(as(admin.accessToken)).send({ entries: [newer] }).expect(200);
    expect(batch.body.results).toEqual([{ index: 0, status: 'locked', id: ids['mapped'], mapping_status: 'mapped' }]);
    const single = await http().post('/api/v1/time-entries').set(as(admin.accessToken)).send({ ...newer, updated_at: '2026-03-11T00:00:00.000Z' }).expect(409);
    expect(single.body.message).toMatch(lockMessage());
    expect(await row(ids['mapped'])).toMatchObject({ duration_seconds: 3600 });

    const conflicts = (await http().get('/api/v1/sync/conflicts?record_type=time_entry').set(as(manager.token)).expect(200)).body.data;
    const fields = conflicts.filter((c: { record_id: string }) => c.record_id === ids['mapped']).map((c: { field: string; crm_value: unknown; remote_value: unknown; winner: string; integration_id: string | null }) => [c.field, c.crm_value, c.remote_value, c.winner, c.integration_id]);
    const once = [
      ['end_time', '2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', 'crm', null],
      ['duration_seconds', 3600, 7200, 'crm', null],
    ];
    expect(fields).toEqual([...once, ...once]);
  });

  it('a signed webhook update or delete of a locked entry is kept in the sync conflicts, the entry untouched', async () => {
    const send = (event: unknown) => sendCrmEvent(app, integration.id, integration.signing_secret, event);
    const update = await send({ type: 'time_entry.updated', data: timeEntryBody({ external_id: 'lock-webhooked', ...at('2026-03-03', 9, 1), project_name: 'Renamed', updated_at: '2026-03-10T00:00:00.000Z' }) }).expect(200);
    expect(update.body.result).toBe('locked');
    const removal = await send({ type: 'time_entry.deleted', data: { external_id: 'lock-webhooked' } }).expect(200);
    expect(removal.body.result).toBe('locked');
    expect(await row(ids['webhooked'])).toMatchObject({ project_name: null, approved_timesheet_id: timesheetId });
    const conflicts = (await http().get('/api/v1/sync/conflicts?record_type=time_entry').set(as(admin.accessToken)).expect(200)).body.data;
    expect(conflicts.filter((c: { record_id: string }) => c.record_id === ids['webhooked']).map((c: { field: string; remote_value: unknown }) => [c.field, c.remote_value])).toEqual([
      ['project_name', 'Renamed'],
      ['deleted', true],
    ]);
  });

  it('re-mapping after a rule change skips the locked entry and maps the unlocked one', async () => {
    await http().post('/api/v1/mapping-rules').set(as(admin.accessToken)).send({ name: 'Orion', project_name: 'Orion', deal_id: deal }).expect(201);
    await worker.get(ReviewQueueRemapper).remap(admin.organizationId);
    expect(await row(ids['nextWeek'])).toMatchObject({ mapping_status: 'mapped', deal_id: deal });
    expect(await row(ids['unmapped'])).toMatchObject({ mapping_status: 'unmapped', deal_id: null });
  });

  it('retention keeps the locked entries and deletes the old unlocked one', async () => {
    await putRetentionPolicy(app, admin.accessToken, 'time_entries', { keep_months: 1, action: 'delete' }).expect(200);
    const job = await worker.get<Queue>(getQueueToken(QUEUES.retention)).add(RETENTION_JOB, { organizationId: admin.organizationId });
    await job.finished();
    await putRetentionPolicy(app, admin.accessToken, 'time_entries', { keep_months: 120, action: 'delete' }).expect(200);
    const left = await db.query(`SELECT id FROM time_entries WHERE organization_id = $1 ORDER BY id`, [admin.organizationId]);
    expect(left.map((r: { id: string }) => r.id)).toEqual([ids['mapped'], ids['webhooked'], ids['unmapped']].sort());
  });

  it('only an admin reopens (audited); then the entries change again', async () => {
    await http().post(`/api/v1/timesheets/${timesheetId}/reopen`).set(as(manager.token)).send({}).expect(403);
    const reopened = await http().post(`/api/v1/timesheets/${timesheetId}/reopen`).set(as(admin.accessToken)).send({ comment: 'Fix Monday' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', comment: 'Fix Monday' });
    const [audit] = await db.query(`SELECT actor_id, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'reopen'`, [admin.organizationId, timesheetId]);
    expect(audit).toMatchObject({ actor_id: admin.userId, changes: { time_entries: 3, status: { from: 'approved', to: 'open' } } });
    await http().patch(`/api/v1/time-entries/${ids['mapped']}`).set(as(manager.token)).send({ project_name: 'Changed' }).expect(200);
    await http().post(`/api/v1/time-entries/${ids['unmapped']}/assign`).set(as(manager.token)).send({ deal_id: deal }).expect(200);
    await http().delete(`/api/v1/time-entries/${ids['webhooked']}`).set(as(manager.token)).expect(204);
  });

  it('a person reads only their own timesheets; a colleague gets a 404', async () => {
    const other = await userWithRole(app, admin.accessToken, 'support');
    await http().get(`/api/v1/timesheets/${timesheetId}`).set(as(other.token)).expect(404);
    expect((await http().get('/api/v1/timesheets').set(as(other.token)).expect(200)).body.data).toEqual([]);
    expect((await http().get('/api/v1/timesheets').set(as(person.token)).expect(200)).body.data.map((t: { id: string }) => t.id)).toEqual([timesheetId]);
    await http().post('/api/v1/timesheets/submit').set(as(other.token)).send({ date: '2026-03-05', user_id: person.id }).expect(404);
  });
});
