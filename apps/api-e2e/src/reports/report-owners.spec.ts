import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ReportExportBuilder, ReportScheduleSender } from '@clockwork/server-reports';
import { NotificationMailer } from '@clockwork/server-notifications';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createSchedule } from '../support/domains/report-schedules.domain';
import { requestExport } from '../support/domains/report-exports.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { SmtpSink } from '@clockwork/testing-support';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';
import { getReport } from './report-compare';
import { seedRandomEntries } from './report-data';

const RANGE = { date_from: '2025-10-01', date_to: '2026-01-01' };

/**
 * Scheduled reports and worker exports run as their owner with the owner's role as stored at run
 * time (not a fixed role): a deactivated or demoted owner's schedule sends nothing, is paused with
 * the reason and announced to the admins (in the app and by email, through a real SMTP server);
 * such an owner's export fails without a file; an active manager's schedule still sends.
 */
describe('scheduled reports and exports run as their owner', () => {
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  let workerEnv: Record<string, string>;
  let db: DataSource;
  let smtp: SmtpSink;
  let databaseName: string | undefined;
  let admin: SignedUp;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const setUser = (id: string, body: Record<string, unknown>) => http().patch(`/api/v1/users/${id}`).set(as(admin.accessToken)).send(body).expect(200);
  const mailsTo = (address: string) => smtp.messages.filter((m) => SmtpSink.recipients(m).includes(address));
  const makeDue = (id: string) => db.query(`UPDATE report_schedules SET next_run_at = now() - interval '1 second' WHERE id = $1`, [id]);
  const exportStatus = async (id: string) => (await http().get(`/api/v1/reports/exports/${id}`).set(as(admin.accessToken)).expect(200)).body;
  const getSchedule = async (id: string) => (await http().get(`/api/v1/report-schedules/${id}`).set(as(admin.accessToken)).expect(200)).body;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    const created = await createMigratedDatabase('ck_e2e_report_owners');
    databaseName = created.name;
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-report-owners` };
    app = await createApiApp(env);
    workerEnv = { ...env, REPORT_SCHEDULE_TICK_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', SMTP_FROM: 'Clockwork <reports@clockwork.test>' };
    db = app.get(DataSource);
    admin = await signup(app, 'Report Owners Org');
    await seedRandomEntries(app, admin, 11, 120, 'o');
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await smtp?.stop();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('fails the export of a requester deactivated or demoted before the worker ran it, without a file; an active one is built', async () => {
    const leaver = await userWithRole(app, admin.accessToken, 'manager');
    const demoted = await userWithRole(app, admin.accessToken, 'manager');
    const active = await userWithRole(app, admin.accessToken, 'manager');
    const gone = await requestExport(app, leaver.token, { report: 'time-per-user', params: RANGE, format: 'csv' });
    const lost = await requestExport(app, demoted.token, { report: 'productivity', params: RANGE, format: 'csv' });
    const kept = await requestExport(app, active.token, { report: 'time-per-user', params: RANGE, format: 'csv' });
    await setUser(leaver.id, { is_active: false });
    await setUser(demoted.id, { role: 'sales' });
    // The worker starts only now: the jobs are waiting in Redis.
    worker = await createWorkerApp(workerEnv);
    const settled = (id: string) => waitFor(`export ${id} settled`, async () => ((s) => (s.status === 'done' || s.status === 'failed' ? s : null))(await exportStatus(id)));

    const [goneRow, lostRow, keptRow] = [await settled(gone), await settled(lost), await settled(kept)];
    expect(goneRow).toMatchObject({ status: 'failed', file_name: null, size_bytes: null, download_url: null });
    expect(goneRow.error).toMatch(/deactivated/);
    expect(lostRow).toMatchObject({ status: 'failed', file_name: null, download_url: null });
    expect(lostRow.error).toMatch(/role \(sales\)/);
    expect(keptRow).toMatchObject({ status: 'done', file_name: 'time-per-user.csv' });
    const stored = await db.query(`SELECT id, storage_key FROM report_exports WHERE id = ANY($1) ORDER BY id`, [[gone, lost]]);
    expect(stored.map((r: { storage_key: string | null }) => r.storage_key)).toEqual([null, null]);
    // A second run of the same job (a retry, or the start-up re-enqueue) builds nothing either.
    await db.query(`UPDATE report_exports SET status = 'queued', error = NULL WHERE id = $1`, [gone]);
    await (worker as INestApplicationContext).get(ReportExportBuilder).build(admin.organizationId, gone);
    expect(await exportStatus(gone)).toMatchObject({ status: 'failed', download_url: null });
  });

  it("sends nothing for a deactivated or demoted owner's schedule, pauses it with the reason and tells the admins; an active manager's still sends", async () => {
    const sender = (worker as INestApplicationContext).get(ReportScheduleSender);
    const leaver = await userWithRole(app, admin.accessToken, 'manager');
    const demoted = await userWithRole(app, admin.accessToken, 'manager');
    const active = await userWithRole(app, admin.accessToken, 'manager');
    const body = { report: 'time-per-user', params: RANGE, frequency: 'daily', weekday: null, hour: 6, timezone: 'UTC' };
    const leaverSchedule = await createSchedule(app, leaver.token, { ...body, recipients: ['leaver-report@example.com'] });
    // Even the pipeline, which sales may read, stops: sales may not hold scheduled reports.
    const demotedSchedule = await createSchedule(app, demoted.token, { ...body, report: 'pipeline', params: {}, recipients: ['demoted-report@example.com'] });
    const activeSchedule = await createSchedule(app, active.token, { ...body, recipients: ['active-report@example.com'] });
    await setUser(leaver.id, { is_active: false });
    await setUser(demoted.id, { role: 'sales' });
    for (const s of [leaverSchedule, demotedSchedule, activeSchedule]) await makeDue(s.id);

    await sender.sendDue();
    const [mail] = (await waitFor('the active manager report', async () => (mailsTo('active-report@example.com').length ? mailsTo('active-report@example.com') : null))) as ReturnType<typeof mailsTo>;
    // The active manager's report carries the figures that manager reads through the API.
    const json = await getReport(app, active.token, 'time-per-user', RANGE);
    const rows: Record<string, string>[] = parse(mail.attachments[0].content.toString('utf8'), { columns: true });
    expect(rows.reduce((s, r) => s + Number(r['seconds']), 0)).toBe(json.totals.seconds);
    expect(json.totals.seconds).toBeGreaterThan(0);
    expect(mail.text).toContain(`Total seconds: ${json.totals.seconds}`);

    // Ticks and direct runs go on: the stopped schedules still send nothing.
    await new Promise((r) => setTimeout(r, 1500));
    await sender.sendDue();
    expect(mailsTo('leaver-report@example.com')).toEqual([]);
    expect(mailsTo('demoted-report@example.com')).toEqual([]);
    expect(mailsTo('active-report@example.com')).toHaveLength(1);

    expect(await getSchedule(leaverSchedule.id)).toMatchObject({ paused: true, paused_reason: 'owner_deactivated', last_status: null, last_run_at: null });
    expect(await getSchedule(demotedSchedule.id)).toMatchObject({ paused: true, paused_reason: 'owner_role_lost', last_status: null });
    expect(await getSchedule(activeSchedule.id)).toMatchObject({ paused: false, paused_reason: null, paused_at: null, last_status: 'sent' });

    // The admins are told in the app ...
    const notes = (await http().get('/api/v1/notifications').set(as(admin.accessToken)).expect(200)).body.data as { kind: string; data: Record<string, unknown>; body: string }[];
    const paused = notes.filter((n) => n.kind === 'report_schedule.paused');
    expect(paused.map((n) => n.data['schedule_id']).sort()).toEqual([leaverSchedule.id, demotedSchedule.id].sort());
    expect(paused.find((n) => n.data['schedule_id'] === leaverSchedule.id)?.body).toMatch(/owner was deactivated/);
    expect(paused.find((n) => n.data['schedule_id'] === demotedSchedule.id)?.body).toMatch(/role \(sales\)/);
    // ... and by email.
    await (worker as INestApplicationContext).get(NotificationMailer).sendPending();
    const adminMails = mailsTo(admin.email.toLowerCase()).filter((m) => m.subject === 'A scheduled report was stopped');
    expect(adminMails).toHaveLength(2);
    // The pause is audited, by the system.
    const audit = await db.query(`SELECT actor_type, object_id FROM audit_logs WHERE object_type = 'report_schedule' AND action = 'pause' ORDER BY object_id`);
    expect(audit).toEqual([leaverSchedule.id, demotedSchedule.id].sort().map((id) => ({ actor_type: 'system', object_id: id })));
  });

  it('resumes a paused schedule only once its owner may run it again; a user may pause one', async () => {
    const sender = (worker as INestApplicationContext).get(ReportScheduleSender);
    const owner = await userWithRole(app, admin.accessToken, 'manager');
    const schedule = await createSchedule(app, owner.token, { report: 'time-per-deal', params: RANGE, recipients: ['resume-report@example.com'] });
    await setUser(owner.id, { is_active: false });
    await makeDue(schedule.id);
    await sender.sendDue();
    // The worker's own tick (every second here) may have taken the due schedule first, and this run
    // skipped it (locked): the pause is committed by whichever run took it.
    const stopped = await waitFor('the schedule paused', async () => {
      const s = await getSchedule(schedule.id);
      return s.paused ? s : null;
    });
    expect(stopped).toMatchObject({ paused: true, paused_reason: 'owner_deactivated' });

    const refused = await http().patch(`/api/v1/report-schedules/${schedule.id}`).set(as(admin.accessToken)).send({ paused: false }).expect(400);
    expect(refused.body.details).toEqual([{ field: 'paused', errors: [expect.stringMatching(/owner is deactivated/)] }]);
    const bad = await http().patch(`/api/v1/report-schedules/${schedule.id}`).set(as(admin.accessToken)).send({ paused: 'no' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['paused']);

    await setUser(owner.id, { is_active: true });
    const resumed = await http().patch(`/api/v1/report-schedules/${schedule.id}`).set(as(admin.accessToken)).send({ paused: false }).expect(200);
    expect(resumed.body).toMatchObject({ paused: false, paused_reason: null, paused_at: null });
    await makeDue(schedule.id);
    await sender.sendDue();
    await waitFor('the resumed report', async () => mailsTo('resume-report@example.com').length === 1);

    const byUser = await http().patch(`/api/v1/report-schedules/${schedule.id}`).set(as(admin.accessToken)).send({ paused: true }).expect(200);
    expect(byUser.body).toMatchObject({ paused: true, paused_reason: 'paused_by_user' });
    await makeDue(schedule.id);
    await sender.sendDue();
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo('resume-report@example.com')).toHaveLength(1);
  });
});
