import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { QUEUES, ROLLUP_CHECK_JOB } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { checkRollups } from '../support/domains/reports.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { createWorkerApp } from '../support/worker-app';
import { expectReportsMatchRaw } from './report-compare';
import { postEntries, prng, randomEntries, seedRecords } from './report-data';

const RANGE = { date_from: '2025-09-01', date_to: '2026-04-01' };

/** The drift check finds rollups that differ from the raw entries and, when asked, repairs them. */
describe('rollup drift check', () => {
  let app: INestApplication;
  let db: DataSource;
  let admin: SignedUp;

  /** Breaks the rollups behind the triggers' back: a changed key, a removed key, a phantom key. */
  const corrupt = async () => {
    const org = admin.organizationId;
    await db.query(`UPDATE time_rollups SET seconds = seconds + 7 WHERE (organization_id, id) IN (SELECT organization_id, id FROM time_rollups WHERE organization_id = $1 AND entries > 0 ORDER BY day, id LIMIT 1)`, [org]);
    await db.query(`DELETE FROM time_rollups WHERE (organization_id, id) IN (SELECT organization_id, id FROM time_rollups WHERE organization_id = $1 AND entries > 0 ORDER BY day DESC, id LIMIT 1)`, [org]);
    await db.query(`INSERT INTO time_rollups (organization_id, day, billable, entries, seconds, score_sum, score_seconds) VALUES ($1, '2025-12-31', false, 2, 100, 1, 50)`, [org]);
  };

  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
    admin = await signup(app, 'Drift Org');
    const rand = prng(5);
    await postEntries(app, admin.accessToken, randomEntries(rand, await seedRecords(app, admin.organizationId, rand), 250, 'd'));
  });
  afterAll(() => app.close());

  it('reports the differing keys with both figures, and repairs them on request', async () => {
    expect((await checkRollups(app, admin.accessToken, RANGE).expect(200)).body).toMatchObject({ differing_keys: 0, drift: [] });
    await corrupt();
    const found = await checkRollups(app, admin.accessToken, RANGE).expect(200);
    expect(found.body).toMatchObject({ differing_keys: 3, repaired: false });
    expect(found.body.drift).toContainEqual({ day: '2025-12-31', deal_id: null, task_id: null, user_id: null, account_id: null, billable: false, rollup: { entries: 2, seconds: 100, score_sum: '1' }, raw: { entries: 0, seconds: 0, score_sum: '0' } });
    const changed = found.body.drift.find((d: { rollup: { seconds: number }; raw: { seconds: number } }) => d.rollup.seconds === d.raw.seconds + 7);
    expect(changed).toBeDefined();
    await expect(expectReportsMatchRaw(app, admin.accessToken, admin.organizationId, {})).rejects.toThrow();

    // A check of another range does not see it; the check alone changes nothing.
    expect((await checkRollups(app, admin.accessToken, { date_from: '2024-01-01', date_to: '2024-02-01' }).expect(200)).body.differing_keys).toBe(0);
    expect((await checkRollups(app, admin.accessToken, RANGE).expect(200)).body.differing_keys).toBe(3);

    const repaired = await checkRollups(app, admin.accessToken, { ...RANGE, repair: true }).expect(200);
    expect(repaired.body).toMatchObject({ differing_keys: 3, repaired: true });
    expect((await checkRollups(app, admin.accessToken, RANGE).expect(200)).body.differing_keys).toBe(0);
    expect(await expectReportsMatchRaw(app, admin.accessToken, admin.organizationId, { group_by: 'week' })).toBeGreaterThan(0);
    const [{ zeros }] = await db.query(`SELECT count(*)::int AS zeros FROM time_rollups WHERE organization_id = $1 AND entries = 0`, [admin.organizationId]);
    expect(zeros).toBe(0);
  });

  it('runs daily in the worker on the report-rollups queue, repairing', async () => {
    const worker: INestApplicationContext = await createWorkerApp();
    try {
      const queue = worker.get<Queue>(getQueueToken(QUEUES.reportRollups));
      const schedules = await queue.getRepeatableJobs();
      expect(schedules).toContainEqual(expect.objectContaining({ name: ROLLUP_CHECK_JOB, cron: '20 3 * * *', tz: 'UTC' }));
      // A phantom key today: within the job's last-7-days window.
      const today = new Date().toISOString().slice(0, 10);
      await db.query(`INSERT INTO time_rollups (organization_id, day, billable, entries, seconds, score_sum, score_seconds) VALUES ($1, $2, true, 1, 60, 0.5, 30)`, [admin.organizationId, today]);
      const job = await queue.add(ROLLUP_CHECK_JOB, { days: 7, repair: true });
      const result = await job.finished();
      expect(result.differing_keys).toBeGreaterThanOrEqual(1);
      const [{ left }] = await db.query(`SELECT count(*)::int AS left FROM time_rollups WHERE organization_id = $1 AND day = $2 AND entries <> 0 AND deal_id IS NULL AND user_id IS NULL AND billable`, [admin.organizationId, today]);
      expect(left).toBe(0);
      const [audit] = await db.query(`SELECT actor_type, action, changes FROM audit_logs WHERE organization_id = $1 AND object_type = 'time_rollups' ORDER BY created_at DESC LIMIT 1`, [admin.organizationId]);
      expect(audit).toMatchObject({ actor_type: 'system', action: 'repair', changes: { differing_keys: 1, repaired: true } });
    } finally {
      await worker.close();
    }
  });

  it('answers 400 naming the field for bad input, and refuses sales', async () => {
    const bad = async (path: string, field: string) => {
      const res = await request(app.getHttpServer()).get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      return res.body;
    };
    await bad('time-per-deal?date_from=2026-13-01', 'date_from');
    await bad('time-per-deal?date_from=2026-02-30', 'date_from');
    await bad('time-per-client?date_from=2026-01-01T00:00:00Z', 'date_from');
    const order = await bad('time-per-user?date_from=2026-02-01&date_to=2026-02-01', 'date_to');
    expect(order.message).toContain('date_to must be after date_from');
    await bad('pipeline?date_from=2026-03-01&date_to=2026-02-01', 'date_to');
    await bad('productivity?group_by=year', 'group_by');
    await bad('time-per-deal?format=xlsx', 'format');
    await bad('time-per-deal?deal_id=nope', 'deal_id');
    await bad('revenue-vs-hours?group_by=week', 'group_by');
    await bad('pipeline?stage=closed', 'stage');

    const check = async (body: object, field: string) => {
      const res = await checkRollups(app, admin.accessToken, body as Record<string, unknown>).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await check({ date_to: '2026-01-01' }, 'date_from');
    await check({ date_from: '2024-01-01', date_to: '2026-01-01' }, 'date_to');
    await check({ date_from: '2026-01-01', date_to: '2026-02-01', repair: 'yes' }, 'repair');

    const sales = await userWithRole(app, admin.accessToken, 'sales');
    await checkRollups(app, sales.token, RANGE).expect(403);
  });
});
