import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { WebhookReceiptsCleanup } from '@clockwork/server-integrations';
import { NotificationMailer, NotificationWriter } from '@clockwork/server-notifications';
import { TimeEntryKeysCleanup } from '@clockwork/server-time-entries';
import { HOUSEKEEPING_JOB, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuid } from 'uuid';
import { createTimeEntry } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';
import { waitFor } from '../support/wait-for';

interface NotificationBody {
  id: string;
  kind: string;
  body: string;
  link: string;
  data: { count: number };
  read_at: string | null;
}

/**
 * What the worker does with time entries besides mapping them: the reviewers' "time entries
 * await review" notification, the entries' sync_status, and deleting expired Idempotency-Keys.
 */
describe('time entries in the worker: review notification, sync status, housekeeping', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let stack: IsolatedStack | undefined;
  let org: SignedUp;
  let manager: { id: string; token: string };
  let sales: { id: string; token: string };
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const reviewNotifications = async (token: string): Promise<NotificationBody[]> =>
    (await http().get('/api/v1/notifications').set(as(token)).expect(200)).body.data.filter((n: NotificationBody) => n.kind === 'time_entries.unmapped');
  const unmapped = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => createTimeEntry(app, org, { project_name: `Nothing like it ${uuid()}`, external_id: `u-${uuid()}-${i}` })));
  const processed = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND processed_at IS NULL`, [org.organizationId]))[0].n === 0;

  beforeAll(async () => {
    // A database and queue prefix of its own: this file's worker must not handle other files' events.
    stack = await startIsolatedStack('notify', { OUTBOX_POLL_MS: '50', ALERTS_INTERVAL_SECONDS: '3600' });
    ({ app, worker, db } = stack);
    org = await signup(app, 'Review Org');
    manager = await userWithRole(app, org.accessToken, 'manager');
    sales = await userWithRole(app, org.accessToken, 'sales');
  });
  afterAll(() => stack?.close());

  it('keeps one unread "time entries await review" notification per admin and manager, counting the unmapped entries', async () => {
    await unmapped(3);
    await waitFor('the count to reach 3', async () => (await reviewNotifications(org.accessToken))[0]?.data.count === 3);
    await waitFor('all events processed', processed);
    for (const token of [org.accessToken, manager.token]) {
      const own = await reviewNotifications(token);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ body: '3 new time entries await review', link: '/time-entries/unmapped', data: { count: 3 }, read_at: null });
    }
    expect(await reviewNotifications(sales.token)).toEqual([]);

    // Read by the admin: the next unmapped entries start a new one for the admin only.
    const first = (await reviewNotifications(org.accessToken))[0];
    await http().post(`/api/v1/notifications/${first.id}/read`).set(as(org.accessToken)).expect(200);
    await unmapped(2);
    await waitFor('all events processed', processed);
    const admins = await reviewNotifications(org.accessToken);
    expect(admins.map((n) => [n.data.count, n.read_at === null])).toEqual([[2, true], [3, false]]);
    expect((await reviewNotifications(manager.token)).map((n) => n.data.count)).toEqual([5]);
  });

  it('marks an entry synced once the worker has processed its event', async () => {
    const created = await http().post('/api/v1/time-entries').set(as(org.accessToken)).send({
      start_time: '2026-03-02T09:00:00.000Z', end_time: '2026-03-02T10:00:00.000Z', duration_seconds: 3600, activity_type: 'app', productivity_score: 0.5, source: 'agent', project_name: 'Sync me',
    }).expect(201);
    expect(created.body.sync_status).toBe('pending');
    const synced = await waitFor('sync_status synced', async () => {
      const body = (await http().get(`/api/v1/time-entries/${created.body.id}`).set(as(org.accessToken)).expect(200)).body;
      return body.sync_status === 'synced' ? body : null;
    });
    // The badge is bookkeeping: the entry's version (If-Match) does not change.
    expect(synced.version).toBe(created.body.version);

    // Any later change is pending again until the worker has seen it.
    const patched = await http().patch(`/api/v1/time-entries/${created.body.id}`).set(as(org.accessToken)).send({ project_name: 'Sync me again' }).expect(200);
    expect(patched.body.sync_status).toBe('pending');
    const resynced = await waitFor('sync_status synced after the change', async () => {
      const body = (await http().get(`/api/v1/time-entries/${created.body.id}`).set(as(org.accessToken)).expect(200)).body;
      return body.sync_status === 'synced' ? body : null;
    });
    expect(resynced.version).toBe(patched.body.version);
    const [event] = await db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at DESC LIMIT 1`, [org.organizationId, created.body.id]);
    expect(event.type).toBe('time_entry.updated');
  });

  it('skips notification emails with a log line when SMTP_HOST is empty, and never sends them later', async () => {
    await db.transaction((m) => app.get(NotificationWriter).record(m, org.organizationId, { userId: manager.id, kind: 'test.mail', title: 'Mail me', email: true }));
    expect(await worker.get(NotificationMailer).sendPending()).toBe(0);
    const [row] = await db.query(`SELECT email_status, emailed_at FROM notifications WHERE organization_id = $1 AND kind = 'test.mail'`, [org.organizationId]);
    expect(row).toEqual({ email_status: 'skipped', emailed_at: null });
    expect(await worker.get(NotificationMailer).sendPending()).toBe(0);
  });

  it('deletes only expired Idempotency-Key responses and old webhook receipts, in chunks, on a repeatable schedule', async () => {
    const insert = (key: string, expires: string) =>
      db.query(`INSERT INTO idempotency_keys (organization_id, id, key, request_hash, status, expires_at) VALUES ($1, $2, $3, 'h', 'completed', now() + $4::interval)`, [org.organizationId, uuid(), key, expires]);
    for (let i = 0; i < 5; i++) await insert(`old-${i}`, '-1 hour');
    await insert('fresh', '1 hour');
    await insert('almost', '10 seconds');

    const deleted = await worker.get(TimeEntryKeysCleanup).deleteExpiredIdempotencyKeys(2);
    expect(deleted).toBe(5);
    const left = await db.query(`SELECT key FROM idempotency_keys WHERE organization_id = $1 ORDER BY key`, [org.organizationId]);
    expect(left.map((r: { key: string }) => r.key)).toEqual(['almost', 'fresh']);

    // Inbound webhook receipts (the webhook-id dedupe) are kept WEBHOOK_RECEIPT_RETENTION_DAYS.
    const integration = await http().post('/api/v1/integrations').set(as(org.accessToken)).send({ provider: 'productivity', name: 'Receipts' }).expect(201);
    const receipt = (webhookId: string, age: string) =>
      db.query(`INSERT INTO webhook_receipts (organization_id, id, integration_id, webhook_id, type, received_at) VALUES ($1, $5, $2, $3, 'time_entry.created', now() - $4::interval)`, [org.organizationId, integration.body.id, webhookId, age, uuid()]);
    await receipt('msg_old_1', '8 days');
    await receipt('msg_old_2', '30 days');
    await receipt('msg_recent', '6 days');
    expect(await worker.get(WebhookReceiptsCleanup).deleteOldWebhookReceipts(7, 1)).toBe(2);
    const receipts = await db.query(`SELECT webhook_id FROM webhook_receipts WHERE organization_id = $1`, [org.organizationId]);
    expect(receipts.map((r: { webhook_id: string }) => r.webhook_id)).toEqual(['msg_recent']);

    const queue = worker.get<Queue>(getQueueToken(QUEUES.housekeeping), { strict: false });
    const schedules = await queue.getRepeatableJobs();
    expect(schedules).toEqual([expect.objectContaining({ name: HOUSEKEEPING_JOB, every: 3600_000 })]);
  });
});
