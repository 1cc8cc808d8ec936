import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { nextRunAt, ReportScheduleSender } from '@clockwork/server-reports';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createSchedule, postSchedule } from '../support/domains/report-schedules.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { SmtpSink } from '@clockwork/testing-support';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';
import { getReport } from './report-compare';
import { seedRandomEntries } from './report-data';

const RANGE = { date_from: '2025-10-01', date_to: '2026-01-01' };

/**
 * Scheduled email reports: CRUD with validation and ownership, and the worker sending a due
 * schedule exactly once (two worker apps ticking every second, plus direct concurrent runs) to
 * an SMTP server of the test, with the report attached (CSV parsed back, PDF) and next_run_at
 * advanced to the schedule's next local hour.
 */
describe('scheduled email reports', () => {
  let app: INestApplication;
  let workers: INestApplicationContext[] = [];
  let db: DataSource;
  let smtp: SmtpSink;
  let databaseName: string | undefined;
  let admin: SignedUp;
  let manager: { id: string; token: string };
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const mails = (subjectStart: string) => smtp.messages.filter((m) => m.subject?.startsWith(subjectStart));
  const makeDue = (id: string) => db.query(`UPDATE report_schedules SET next_run_at = now() - interval '1 second' WHERE id = $1`, [id]);
  const row = async (id: string) => (await db.query(`SELECT next_run_at, last_run_at, last_status, last_error FROM report_schedules WHERE id = $1`, [id]))[0];
  const runBothWorkers = () => Promise.all(workers.map((w) => w.get(ReportScheduleSender).sendDue()));

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    const created = await createMigratedDatabase('ck_e2e_schedules');
    databaseName = created.name;
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-schedules` };
    app = await createApiApp(env);
    const workerEnv = { ...env, REPORT_SCHEDULE_TICK_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', SMTP_FROM: 'Clockwork <reports@clockwork.test>' };
    workers = [await createWorkerApp(workerEnv), await createWorkerApp(workerEnv)];
    db = app.get(DataSource);
    admin = await signup(app, 'Schedules Org');
    manager = await userWithRole(app, admin.accessToken, 'manager');
    await seedRandomEntries(app, admin, 7, 200, 's');
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await app?.close();
    await smtp?.stop();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('sends a due CSV schedule exactly once, even with two workers, with figures equal to the JSON report', async () => {
    const schedule = await createSchedule(app, manager.token, { params: { ...RANGE, group_by: 'month' }, frequency: 'daily', weekday: undefined, hour: 7, timezone: 'America/New_York', recipients: ['a@example.com', 'B@Example.com'] });
    expect(schedule).toMatchObject({ user_id: manager.id, recipients: ['a@example.com', 'b@example.com'], last_status: null });
    await makeDue(schedule.id);
    const before = new Date();
    await runBothWorkers();
    await waitFor('the report email', async () => mails('Time per deal report').length >= 1);
    // The repeatable ticks of both workers run meanwhile; more direct runs in parallel change nothing.
    await new Promise((r) => setTimeout(r, 2500));
    await runBothWorkers();
    const sent = mails('Time per deal report');
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(SmtpSink.recipients(mail).sort()).toEqual(['a@example.com', 'b@example.com']);
    expect(mail.subject).toBe('Time per deal report: 2025-10-01 to 2026-01-01');

    const json = await getReport(app, admin.accessToken, 'time-per-deal', { ...RANGE, group_by: 'month' });
    expect(mail.text).toContain(`Total seconds: ${json.totals.seconds}`);
    expect(mail.text).toContain(`Total hours: ${json.totals.hours.toFixed(2)}`);
    expect(mail.attachments).toHaveLength(1);
    const [file] = mail.attachments;
    expect(file.filename).toBe('time-per-deal.csv');
    const parsed: Record<string, string>[] = parse(file.content.toString('utf8'), { columns: true });
    expect(parsed.length).toBe(json.rows.length);
    expect(parsed.length).toBeGreaterThan(0);
    parsed.forEach((r, i) => {
      for (const [key, cell] of Object.entries(r)) expect({ key, cell }).toEqual({ key, cell: json.rows[i][key] === null ? '' : String(json.rows[i][key]) });
    });
    expect(parsed.reduce((s, r) => s + Number(r['seconds']), 0)).toBe(json.totals.seconds);

    const after = await row(schedule.id);
    expect(after.last_status).toBe('sent');
    expect(after.last_error).toBeNull();
    expect(after.last_run_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The next run: 07:00 New York time, the next day that has not begun at 07:00 yet.
    const expected = nextRunAt({ frequency: 'daily', hour: 7, timezone: 'America/New_York' }, after.last_run_at);
    expect(after.next_run_at.toISOString()).toBe(expected.toISOString());
    expect(after.next_run_at.getTime()).toBeGreaterThan(Date.now());
    expect(after.next_run_at.getTime() - after.last_run_at.getTime()).toBeLessThanOrEqual(25 * 3600_000);
  });

  it('sends a PDF schedule with a relative range; the attachment is a PDF', async () => {
    const schedule = await createSchedule(app, admin.accessToken, { report: 'pipeline', params: { range: 'month_to_date' }, frequency: 'monthly', weekday: null, day_of_month: 31, hour: 6, timezone: 'Asia/Tokyo', recipients: ['board@example.com'], format: 'pdf' });
    await makeDue(schedule.id);
    await runBothWorkers();
    const [mail] = (await waitFor('the pipeline email', async () => (mails('Pipeline report').length ? mails('Pipeline report') : null))) as ReturnType<typeof mails>;
    expect(SmtpSink.recipients(mail)).toEqual(['board@example.com']);
    expect(mail.attachments[0].filename).toBe('pipeline.pdf');
    expect(mail.attachments[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(mail.text).toMatch(/^Pipeline, \d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2}/);
    const after = await row(schedule.id);
    expect(after.last_status).toBe('sent');
    expect(after.next_run_at.toISOString()).toBe(nextRunAt({ frequency: 'monthly', day_of_month: 31, hour: 6, timezone: 'Asia/Tokyo' }, after.last_run_at).toISOString());
  });

  it('computes next_run_at on create and patch: weekly Monday 08:00 Berlin', async () => {
    const s = await createSchedule(app, admin.accessToken);
    const next = new Date(s.next_run_at as string);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next)).toBe('Monday 08:00');
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000 + 3600_000);
    const patched = await http().patch(`/api/v1/report-schedules/${s.id}`).set(as(admin.accessToken)).send({ frequency: 'daily', hour: 23 }).expect(200);
    expect(patched.body).toMatchObject({ frequency: 'daily', weekday: null, hour: 23 });
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(patched.body.next_run_at))).toBe('23:00');
    const bad = await http().patch(`/api/v1/report-schedules/${s.id}`).set(as(admin.accessToken)).send({ frequency: 'monthly' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('day_of_month');
  });

  it('names each bad field, the report params included', async () => {
    const res = await postSchedule(app, admin.accessToken, { report: 'sales', frequency: 'hourly', hour: 24, timezone: 'Mars/Olympus', recipients: ['not-an-email'], format: 'xlsx' }).expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['report', 'frequency', 'hour', 'timezone', 'recipients', 'format']));
    const many = await postSchedule(app, admin.accessToken, { recipients: Array.from({ length: 21 }, (_, i) => `r${i}@example.com`) }).expect(400);
    expect(many.body.details).toEqual([{ field: 'recipients', errors: ['recipients must have at most 20 addresses'] }]);
    const weekly = await postSchedule(app, admin.accessToken, { weekday: undefined }).expect(400);
    expect(weekly.body.details.map((d: { field: string }) => d.field)).toContain('weekday');
    const params = await postSchedule(app, admin.accessToken, { params: { date_from: '2026-02-30', range: 'fortnight', colour: 'red', format: 'csv' } }).expect(400);
    expect(params.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['params.colour', 'params.date_from', 'params.format', 'params.range']);
  });

  it("shows a manager its own schedules only; admins see all; another manager's is a 404", async () => {
    const mine = await createSchedule(app, manager.token);
    const other = await userWithRole(app, admin.accessToken, 'manager');
    await http().get(`/api/v1/report-schedules/${mine.id}`).set(as(other.token)).expect(404);
    await http().patch(`/api/v1/report-schedules/${mine.id}`).set(as(other.token)).send({ hour: 1 }).expect(404);
    await http().delete(`/api/v1/report-schedules/${mine.id}`).set(as(other.token)).expect(404);
    expect((await http().get('/api/v1/report-schedules').set(as(other.token)).expect(200)).body.data).toEqual([]);
    const managerList = (await http().get('/api/v1/report-schedules').set(as(manager.token)).expect(200)).body.data;
    expect(managerList.every((s: { user_id: string }) => s.user_id === manager.id)).toBe(true);
    const adminList = (await http().get('/api/v1/report-schedules').set(as(admin.accessToken)).expect(200)).body.data;
    expect(adminList.map((s: { id: string }) => s.id)).toContain(mine.id);
    await http().delete(`/api/v1/report-schedules/${mine.id}`).set(as(admin.accessToken)).expect(204);
    await http().get(`/api/v1/report-schedules/${mine.id}`).set(as(manager.token)).expect(404);
  });
});
