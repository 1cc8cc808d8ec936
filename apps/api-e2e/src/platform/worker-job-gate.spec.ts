import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Metrics } from '@clockwork/server-core';
import {
  ACCOUNTING_PUSH_JOB,
  ACCOUNTING_READ_PAID_JOB,
  ALERTS_SCAN_JOB,
  HOUSEKEEPING_JOB,
  KEY_ROTATION_JOB,
  QUEUES,
  QueueName,
  REPORT_EXPORT_CLEANUP_JOB,
  REPORT_EXPORT_JOB,
  REPORT_SCHEDULE_TICK_JOB,
  RETENTION_JOB,
  ROLLUP_CHECK_JOB,
} from '@clockwork/shared-jobs';
import type { Job, Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createNote } from '../support/domains/notes.domain';
import { putRetentionPolicy } from '../support/domains/retention-policies.domain';
import { signup, SignedUp } from '../support/org-fixture';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';

const DEFAULT = '__default__';

/** Each processor's job name, with a payload it must refuse: the wrong shape, or an organization that does not exist. */
const REFUSED: [QueueName, string, unknown, RegExp][] = [
  [QUEUES.domainEvents, DEFAULT, { organizationId: 'not-a-uuid', eventIds: ['x'] }, /organizationId must be a UUID/],
  [QUEUES.domainEvents, DEFAULT, { organizationId: randomUUID(), eventId: randomUUID() }, /is not an organization/],
  [QUEUES.imports, DEFAULT, { organizationId: randomUUID(), importId: randomUUID() }, /is not an organization/],
  [QUEUES.imports, DEFAULT, { importId: 42 }, /organizationId must be a UUID/],
  [QUEUES.timeRemap, DEFAULT, { organizationId: randomUUID() }, /is not an organization/],
  [QUEUES.alerts, ALERTS_SCAN_JOB, { organizationId: randomUUID() }, /data.organizationId is not a field/],
  [QUEUES.housekeeping, HOUSEKEEPING_JOB, { olderThanDays: 0 }, /data.olderThanDays is not a field/],
  [QUEUES.webhookDeliveries, DEFAULT, { organizationId: randomUUID(), leaseToken: randomUUID(), deliveries: [{ deliveryId: randomUUID(), attempt: 1 }] }, /is not an organization/],
  [QUEUES.webhookDeliveries, DEFAULT, { organizationId: randomUUID(), leaseToken: 'x', deliveries: 'all' }, /must be/],
  [QUEUES.reportRollups, ROLLUP_CHECK_JOB, { days: 1_000_000, repair: true }, /days must be an integer from 0 to 366/],
  [QUEUES.reportExports, REPORT_EXPORT_JOB, { organizationId: randomUUID(), exportId: randomUUID() }, /is not an organization/],
  [QUEUES.reportExports, REPORT_EXPORT_CLEANUP_JOB, { all: true }, /data.all is not a field/],
  [QUEUES.reportSchedules, REPORT_SCHEDULE_TICK_JOB, { ownerId: randomUUID() }, /data.ownerId is not a field/],
  [QUEUES.retention, RETENTION_JOB, { organizationId: randomUUID() }, /is not an organization/],
  [QUEUES.keyRotation, KEY_ROTATION_JOB, { kid: 'old' }, /data.kid is not a field/],
  [QUEUES.productivitySync, DEFAULT, { organizationId: randomUUID(), syncRecordId: randomUUID(), leaseToken: randomUUID() }, /is not an organization/],
  [QUEUES.accountingSync, ACCOUNTING_PUSH_JOB, { organizationId: randomUUID(), pushId: randomUUID() }, /is not an organization/],
  [QUEUES.accountingSync, ACCOUNTING_PUSH_JOB, { organizationId: randomUUID(), pushId: 'all' }, /pushId must be a UUID/],
  [QUEUES.accountingSync, ACCOUNTING_READ_PAID_JOB, { organizationId: randomUUID() }, /data.organizationId is not a field/],
];

/**
 * The worker runs only jobs it could have enqueued itself: anyone who can write to Redis (or,
 * formerly, any tenant through the queue board) can add a job, so every processor first checks
 * the payload's shape and that its organization exists, and fails the job unrun otherwise.
 */
describe('the worker refuses jobs with a bad payload or an unknown organization', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let stack: IsolatedStack | undefined;
  let admin: SignedUp;
  let db: DataSource;
  const queueOf = (name: QueueName) => worker.get<Queue>(getQueueToken(name), { strict: false });
  const failureOf = (job: Job) => job.finished().then(
    () => 'completed',
    (e: Error) => e.message,
  );

  beforeAll(async () => {
    // A database and queue prefix of its own: the jobs here reach this file's worker only.
    stack = await startIsolatedStack('job_gate');
    ({ app, worker, db } = stack);
    admin = await signup(app, 'Gate Org');
  });
  afterAll(() => stack?.close());

  it.each(REFUSED)('%s (%s) fails %j without running it or retrying', async (queueName, name, data, reason) => {
    const refusedBefore = (await worker.get(Metrics).jobsRefused.get()).values.filter((v) => v.labels.queue === queueName).reduce((s, v) => s + v.value, 0);
    const job = await queueOf(queueName).add(name, data, { attempts: 3, backoff: 10 });
    expect(await failureOf(job)).toMatch(new RegExp(`^Refused without running: .*${reason.source}`));
    const stored = await queueOf(queueName).getJob(job.id);
    expect({ state: await stored?.getState(), attemptsMade: stored?.attemptsMade }).toEqual({ state: 'failed', attemptsMade: 1 });
    const refusedAfter = (await worker.get(Metrics).jobsRefused.get()).values.filter((v) => v.labels.queue === queueName).reduce((s, v) => s + v.value, 0);
    expect(refusedAfter).toBe(refusedBefore + 1);
  });

  it('a refused job has no effect, and the same job well formed does what it says', async () => {
    const note = await createNote(app, admin, { body: 'Two years old' });
    await db.query(`UPDATE notes SET created_at = now() - interval '2 years' WHERE organization_id = $1 AND id = $2`, [admin.organizationId, note.id]);
    await putRetentionPolicy(app, admin.accessToken, 'notes', { keep_months: 12, action: 'delete' }).expect(200);
    const noteCount = async () => (await db.query(`SELECT count(*)::int AS n FROM notes WHERE organization_id = $1 AND id = $2`, [admin.organizationId, note.id]))[0].n;
    const retention = queueOf(QUEUES.retention);

    // A real organization, but a field no producer sends: refused, the old note stays.
    const forged = await retention.add(RETENTION_JOB, { organizationId: admin.organizationId, includeTombstones: true });
    expect(await failureOf(forged)).toMatch(/data.includeTombstones is not a field of this job/);
    expect(await noteCount()).toBe(1);

    const ok = await retention.add(RETENTION_JOB, { organizationId: admin.organizationId });
    expect(await failureOf(ok)).toBe('completed');
    expect(await noteCount()).toBe(0);
  });
});
