import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { TaskAlertsService } from '@clockwork/server-notifications';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createTask } from '../support/domains/tasks.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { SmtpSink } from '@clockwork/testing-support';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';
import { openPayloads } from '../support/sealed';

type Person = { id: string; token: string; email: string };

/**
 * Alerts on high/urgent tasks that are overdue or idle: the worker's repeatable scan (every
 * second here) tells the assignee and the organization's admins and managers in the app, by
 * email (a real SMTP server of the test) and with a `task.overdue` / `task.idle` event, once
 * per episode however many scans run; a new episode alerts again.
 */
describe('task alerts', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let smtp: SmtpSink;
  let databaseName: string | undefined;
  let org: SignedUp;
  let manager: Person;
  let sales: Person;
  let support: Person;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  const events = (taskId: string, type: string) =>
    db.query(`SELECT organization_id AS _org, id AS _id, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 AND type = $3 ORDER BY created_at`, [org.organizationId, taskId, type]).then((rows) => openPayloads(app, rows));
  const notified = async (taskId: string, kind: string): Promise<string[]> =>
    (await db.query(`SELECT user_id FROM notifications WHERE organization_id = $1 AND kind = $2 AND data ->> 'task_id' = $3 ORDER BY user_id`, [org.organizationId, kind, taskId])).map((r: { user_id: string }) => r.user_id);
  const mails = (subject: string) => smtp.messages.filter((m) => m.subject === subject);
  const openEpisodes = async (taskId: string, kind: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM task_alert_episodes WHERE organization_id = $1 AND task_id = $2 AND kind = $3 AND ended_at IS NULL`, [org.organizationId, taskId, kind]))[0].n as number;
  /** Several scans: the repeatable ones of the worker (every second) and direct ones. */
  const scanRepeatedly = async () => {
    for (let i = 0; i < 3; i++) await worker.get(TaskAlertsService).scan();
    await new Promise((r) => setTimeout(r, 2500));
  };
  const recipients = () => [org.userId, manager.id, sales.id].sort();

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    const created = await createMigratedDatabase('ck_e2e_alerts');
    databaseName = created.name;
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-alerts` };
    app = await createApiApp(env);
    worker = await createWorkerApp({ ...env, OUTBOX_POLL_MS: '50', ALERTS_INTERVAL_SECONDS: '1', TASK_IDLE_HOURS: '48', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', SMTP_FROM: 'Clockwork <alerts@clockwork.test>' });
    db = app.get(DataSource);
    org = await signup(app, 'Alert Org');
    manager = await userWithRole(app, org.accessToken, 'manager');
    sales = await userWithRole(app, org.accessToken, 'sales');
    support = await userWithRole(app, org.accessToken, 'support');
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await smtp?.stop();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('alerts about an overdue urgent task once per episode, in the app, by email and as task.overdue; a new episode alerts again', async () => {
    const task = await createTask(app, org, { title: 'Renew the contract', priority: 'urgent', due_date: hoursFromNow(-1), assigned_to: sales.id });
    const calm = await createTask(app, org, { title: 'Low and late', priority: 'low', due_date: hoursFromNow(-1), assigned_to: sales.id });
    const subject = 'Overdue task: Renew the contract';
    await waitFor('three alert emails', async () => mails(subject).length === 3, 20_000);
    await scanRepeatedly();

    expect(await notified(task, 'task.overdue')).toEqual(recipients());
    const [event, ...more] = await events(task, 'task.overdue');
    expect(more).toEqual([]);
    expect(event.payload).toMatchObject({ task_id: task, title: 'Renew the contract', priority: 'urgent', status: 'todo', assigned_to: sales.id, episode_id: expect.any(String) });
    expect(mails(subject).flatMap(SmtpSink.recipients).sort()).toEqual([org.email, manager.email, sales.email].map((e) => e.toLowerCase()).sort());
    expect(mails(subject)[0].from?.text).toContain('alerts@clockwork.test');
    expect(mails(subject)[0].text).toContain(`/tasks/${task}`);

    const own = (await http().get('/api/v1/notifications').set(as(sales.token)).expect(200)).body.data;
    expect(own).toEqual([expect.objectContaining({ kind: 'task.overdue', title: subject, link: `/tasks/${task}`, read_at: null })]);
    expect((await http().get('/api/v1/notifications').set(as(support.token)).expect(200)).body.data).toEqual([]);
    expect(await events(calm, 'task.overdue')).toEqual([]);

    // The due date moves into the future: the episode ends, nothing is sent.
    await http().patch(`/api/v1/tasks/${task}`).set(as(org.accessToken)).send({ due_date: hoursFromNow(24) }).expect(200);
    await waitFor('the episode to end', async () => (await openEpisodes(task, 'overdue')) === 0);
    // Overdue again: a new episode, a new alert by all three channels.
    await http().patch(`/api/v1/tasks/${task}`).set(as(org.accessToken)).send({ due_date: hoursFromNow(-0.5) }).expect(200);
    await waitFor('six alert emails', async () => mails(subject).length === 6, 20_000);
    await scanRepeatedly();
    const episodes = (await events(task, 'task.overdue')).map((e: { payload: { episode_id: string } }) => e.payload.episode_id);
    expect(episodes).toHaveLength(2);
    expect(new Set(episodes).size).toBe(2);
    expect((await notified(task, 'task.overdue')).length).toBe(6);
    expect(mails(subject)).toHaveLength(6);

    // Done ends the episode for good.
    await http().patch(`/api/v1/tasks/${task}`).set(as(org.accessToken)).send({ status: 'done' }).expect(200);
    await waitFor('the episode to end', async () => (await openEpisodes(task, 'overdue')) === 0);
    await scanRepeatedly();
    expect(await events(task, 'task.overdue')).toHaveLength(2);
  });

  it('alerts about a high task without a status change or time logged for TASK_IDLE_HOURS; activity ends the episode', async () => {
    const task = await createTask(app, org, { title: 'Quiet task', priority: 'high', assigned_to: sales.id });
    const subject = 'Idle task: Quiet task';
    await scanRepeatedly();
    expect(await events(task, 'task.idle')).toEqual([]);

    // Two days and more pass without activity.
    await db.query(`UPDATE tasks SET status_changed_at = now() - interval '49 hours' WHERE organization_id = $1 AND id = $2`, [org.organizationId, task]);
    await waitFor('three idle emails', async () => mails(subject).length === 3, 20_000);
    await scanRepeatedly();
    expect(await events(task, 'task.idle')).toHaveLength(1);
    expect(await notified(task, 'task.idle')).toEqual(recipients());
    expect(mails(subject)[0].text).toContain('no status change and no time logged for 48 hours');

    // Time logged on it an hour ago: the episode ends and no alert follows.
    await http().post('/api/v1/time-entries').set(as(org.accessToken)).send({
      start_time: hoursFromNow(-2), end_time: hoursFromNow(-1), activity_type: 'app', productivity_score: 0.9, source: 'agent', task_id: task,
    }).expect(201);
    await waitFor('the idle episode to end', async () => (await openEpisodes(task, 'idle')) === 0);
    await scanRepeatedly();
    expect(await events(task, 'task.idle')).toHaveLength(1);

    // Quiet again for more than two days (that time entry is old now): a new episode alerts again.
    await db.query(`UPDATE time_entries SET start_time = start_time - interval '3 days', end_time = end_time - interval '3 days' WHERE organization_id = $1 AND task_id = $2`, [org.organizationId, task]);
    await waitFor('six idle emails', async () => mails(subject).length === 6, 20_000);
    expect(await events(task, 'task.idle')).toHaveLength(2);

    // A status change is activity too.
    await http().patch(`/api/v1/tasks/${task}`).set(as(sales.token)).send({ status: 'in_progress' }).expect(200);
    await waitFor('the idle episode to end', async () => (await openEpisodes(task, 'idle')) === 0);
    await scanRepeatedly();
    expect(await events(task, 'task.idle')).toHaveLength(2);
  });

  it("tells only the task's own organization", async () => {
    const other = await signup(app, 'Bystander Org');
    const task = await createTask(app, org, { title: 'Ours alone', priority: 'urgent', due_date: hoursFromNow(-2) });
    await waitFor('the alert', async () => (await events(task, 'task.overdue')).length === 1);
    expect((await http().get('/api/v1/notifications').set(as(other.accessToken)).expect(200)).body.data).toEqual([]);
    // Unassigned: the admins and managers are told.
    expect(await notified(task, 'task.overdue')).toEqual([org.userId, manager.id].sort());
  });
});
