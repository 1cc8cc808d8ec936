import { getQueueToken } from '@nestjs/bull';
import { INestApplicationContext } from '@nestjs/common';
import { QUEUES, ROLLUP_CHECK_JOB } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { checkRollups } from '../support/domains/reports.domain';
import { userWithRole } from '../support/org-fixture';
import { createWorkerApp } from '../support/worker-app';
import { expectReportsMatchRaw } from './report-compare';
import { postEntries, prng, randomEntries, seedRecords } from './report-data';

const RANGE = { date_from: '2025-09-01', date_to: '2026-04-01' };

/** The drift check finds rollups that differ from the raw entries and, when asked, repairs them. */
describe('rollup drift check', () => {
  const api = apiWithOrg('Drift Org');

  /** Breaks the daily rollups behind the triggers' back: a changed key, a removed key, a phantom key. Returns the changed key's user. */
  const corrupt = async (): Promise<string> => {
    const org = api.admin.organizationId;
    const [changed] = await api.db.query(`SELECT id, user_id FROM time_rollups WHERE organization_id = $1 AND entries > 0 AND user_id IS NOT NULL ORDER BY day, id LIMIT 1`, [org]);
    await api.db.query(`UPDATE time_rollups SET seconds = seconds + 7 WHERE organization_id = $1 AND id = $2`, [org, changed.id]);
    await api.db.query(`DELETE FROM time_rollups WHERE (organization_id, id) IN (SELECT organization_id, id FROM time_rollups WHERE organization_id = $1 AND entries > 0 ORDER BY day DESC, id LIMIT 1)`, [org]);
    await api.db.query(`INSERT INTO time_rollups (organization_id, day, billable, entries, seconds, score_sum, score_seconds) VALUES ($1, '2025-12-31', false, 2, 100, 1, 50)`, [org]);
    return changed.user_id;
  };

  /** Breaks the span rollups: a changed one-day row, a changed 64-day row, a removed 16-day row, a phantom 4-day row. */
  const corruptSpans = async () => {
    const org = api.admin.organizationId;
    const one = (table: string, span: number) => `SELECT organization_id, id FROM ${table} WHERE organization_id = $1 AND span = ${span} AND entries > 0 ORDER BY span_start, id LIMIT 1`;
    await api.db.query(`UPDATE time_rollups_by_deal SET seconds = seconds + 5 WHERE (organization_id, id) IN (${one('time_rollups_by_deal', 1)})`, [org]);
    await api.db.query(`UPDATE time_rollups_by_user SET entries = entries + 1, score_sum = score_sum + 0.5 WHERE (organization_id, id) IN (${one('time_rollups_by_user', 64)})`, [org]);
    await api.db.query(`DELETE FROM time_rollups_by_deal WHERE (organization_id, id) IN (${one('time_rollups_by_deal', 16)})`, [org]);
    await api.db.query(
      `INSERT INTO time_rollups_by_user (organization_id, span, span_start, user_id, entries, seconds, billable_seconds, score_sum, score_seconds) VALUES ($1, 4, time_span_start('2025-12-31', 4), NULL, 3, 90, 0, 1, 30)`,
      [org],
    );
  };

  beforeAll(async () => {
    const rand = prng(5);
    await postEntries(api.app, api.admin.accessToken, randomEntries(rand, await seedRecords(api.app, api.admin.organizationId, rand), 250, 'd'));
  });

  it('reports the differing keys with both figures, and repairs them on request', async () => {
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, drift: [] });
    const userOfChanged = await corrupt();
    const found = await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200);
    expect(found.body).toMatchObject({ differing_keys: 3, span_differing_keys: 0, repaired: false });
    expect(found.body.drift).toContainEqual({ day: '2025-12-31', deal_id: null, task_id: null, user_id: null, account_id: null, billable: false, rollup: { entries: 2, seconds: 100, score_sum: '1' }, raw: { entries: 0, seconds: 0, score_sum: '0' } });
    const changed = found.body.drift.find((d: { rollup: { seconds: number }; raw: { seconds: number } }) => d.rollup.seconds === d.raw.seconds + 7);
    expect(changed).toBeDefined();
    // Reports filtered by user beside another dimension read the daily rollups.
    await expect(expectReportsMatchRaw(api.app, api.admin.accessToken, api.admin.organizationId, { user_id: userOfChanged })).rejects.toThrow();

    // A check of another range does not see it; the check alone changes nothing.
    expect((await checkRollups(api.app, api.admin.accessToken, { date_from: '2024-01-01', date_to: '2024-02-01' }).expect(200)).body.differing_keys).toBe(0);
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body.differing_keys).toBe(3);

    const repaired = await checkRollups(api.app, api.admin.accessToken, { ...RANGE, repair: true }).expect(200);
    expect(repaired.body).toMatchObject({ differing_keys: 3, repaired: true });
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body.differing_keys).toBe(0);
    expect(await expectReportsMatchRaw(api.app, api.admin.accessToken, api.admin.organizationId, { group_by: 'week' })).toBeGreaterThan(0);
    expect(await expectReportsMatchRaw(api.app, api.admin.accessToken, api.admin.organizationId, { user_id: userOfChanged })).toBeGreaterThan(0);
    const [{ zeros }] = await api.db.query(`SELECT count(*)::int AS zeros FROM time_rollups WHERE organization_id = $1 AND entries = 0`, [api.admin.organizationId]);
    expect(zeros).toBe(0);
  });

  it('finds and repairs drift in the span rollups at every level', async () => {
    const org = api.admin.organizationId;
    await corruptSpans();
    await expect(expectReportsMatchRaw(api.app, api.admin.accessToken, org, { group_by: 'day' })).rejects.toThrow();
    const found = await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200);
    expect(found.body).toMatchObject({ differing_keys: 0, span_differing_keys: 4, repaired: false, drift: [] });
    // A check of a range that shares no span bucket with the data does not see it; the check alone changes nothing.
    expect((await checkRollups(api.app, api.admin.accessToken, { date_from: '2024-01-01', date_to: '2024-02-01' }).expect(200)).body.span_differing_keys).toBe(0);
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body.span_differing_keys).toBe(4);

    const repaired = await checkRollups(api.app, api.admin.accessToken, { ...RANGE, repair: true }).expect(200);
    expect(repaired.body).toMatchObject({ differing_keys: 0, span_differing_keys: 4, repaired: true });
    const [audit] = await api.db.query(`SELECT action, changes FROM audit_logs WHERE organization_id = $1 AND object_type = 'time_rollups' ORDER BY created_at DESC LIMIT 1`, [org]);
    expect(audit).toMatchObject({ action: 'repair', changes: { differing_keys: 0, span_differing_keys: 4, repaired: true } });
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body).toMatchObject({ differing_keys: 0, span_differing_keys: 0 });
    for (const q of [{}, { group_by: 'day' }, { group_by: 'month' }, { date_from: '2025-11-24', date_to: '2026-01-27' }] as const) {
      expect(await expectReportsMatchRaw(api.app, api.admin.accessToken, org, q)).toBeGreaterThan(0);
    }
    // The phantom row, back to zero, is removed.
    const [{ zeros }] = await api.db.query(
      `SELECT (SELECT count(*) FROM time_rollups_by_deal WHERE organization_id = $1 AND entries = 0) + (SELECT count(*) FROM time_rollups_by_user WHERE organization_id = $1 AND entries = 0) AS zeros`,
      [org],
    );
    expect(Number(zeros)).toBe(0);
  });

  it('finds and repairs drift in the priced rollups (time, stored rates, priced spans)', async () => {
    const org = api.admin.organizationId;
    const auth = { Authorization: `Bearer ${api.admin.accessToken}` };
    // Rates for the organization's time (its rollups are repriced when they are written).
    await request(api.app.getHttpServer()).post('/api/v1/rates').set(auth).send({ hourly_rate: '97.31', currency: 'USD', valid_from: '2025-01-01' }).expect(201);
    await request(api.app.getHttpServer()).post('/api/v1/cost-rates').set(auth).send({ role: 'admin', hourly_cost: '41.07', currency: 'USD', valid_from: '2025-01-01' }).expect(201);
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, price_differing_keys: 0 });
    const profit = async () => (await request(api.app.getHttpServer()).get('/api/v1/reports/profitability').query({ group_by: 'deal' }).set(auth).expect(200)).body;
    const before = await profit();
    expect(before.rows.some((r: { billable_value: string }) => r.billable_value !== '0.00')).toBe(true);

    // A stored rate that is not the one in effect, a key's time changed, a priced 16-day row changed.
    const one = (table: string, where: string) => `SELECT organization_id, id FROM ${table} WHERE organization_id = $1 AND ${where} ORDER BY id LIMIT 1`;
    await api.db.query(`UPDATE time_rollup_prices SET hourly_rate = 12.34 WHERE (organization_id, id) IN (${one('time_rollup_prices', 'billable_seconds > 0 AND deal_id IS NOT NULL')})`, [org]);
    await api.db.query(`UPDATE time_rollup_prices SET seconds = seconds + 60 WHERE (organization_id, id) IN (${one('time_rollup_prices', 'seconds > 0 AND hourly_rate <> 12.34')})`, [org]);
    await api.db.query(`UPDATE time_rollups_priced_by_user SET value_rate_seconds = value_rate_seconds + 3600 WHERE (organization_id, id) IN (${one('time_rollups_priced_by_user', 'span = 16 AND billable_seconds > 0')})`, [org]);
    const found = await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200);
    expect(found.body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, repaired: false });
    // Two keys, and the priced span rows the changed time and rate no longer add up to, plus the changed row.
    expect(found.body.price_differing_keys).toBeGreaterThanOrEqual(3);
    const repaired = await checkRollups(api.app, api.admin.accessToken, { ...RANGE, repair: true }).expect(200);
    expect(repaired.body).toMatchObject({ price_differing_keys: found.body.price_differing_keys, repaired: true });
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, price_differing_keys: 0 });
    expect(await profit()).toEqual(before);
  });

  it('repairs a long span once when two repairs of neighbouring months run at once', async () => {
    const org = api.admin.organizationId;
    // The 64-day bucket from 2025-11-24 lies around both December and January.
    await api.db.query(
      `UPDATE time_rollups_by_user SET seconds = seconds + 11 WHERE (organization_id, id) IN (SELECT organization_id, id FROM time_rollups_by_user WHERE organization_id = $1 AND span = 64 AND span_start = '2025-11-24' AND entries > 0 ORDER BY id LIMIT 1)`,
      [org],
    );
    // Writers to the span table held back, so both repairs have read the drift before either writes.
    const blocker = api.db.createQueryRunner();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE time_rollups_by_user IN SHARE MODE');
    const repairs = Promise.all([
      checkRollups(api.app, api.admin.accessToken, { date_from: '2025-12-01', date_to: '2026-01-01', repair: true }).expect(200),
      checkRollups(api.app, api.admin.accessToken, { date_from: '2026-01-01', date_to: '2026-02-01', repair: true }).expect(200),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    await blocker.commitTransaction();
    await blocker.release();
    const [december, january] = await repairs;
    expect(december.body.span_differing_keys + january.body.span_differing_keys).toBe(1);
    expect((await checkRollups(api.app, api.admin.accessToken, RANGE).expect(200)).body).toMatchObject({ differing_keys: 0, span_differing_keys: 0 });
  });

  it('runs daily in the worker on the report-rollups queue, repairing', async () => {
    const worker: INestApplicationContext = await createWorkerApp();
    try {
      const queue = worker.get<Queue>(getQueueToken(QUEUES.reportRollups));
      const schedules = await queue.getRepeatableJobs();
      expect(schedules).toContainEqual(expect.objectContaining({ name: ROLLUP_CHECK_JOB, cron: '20 3 * * *', tz: 'UTC' }));
      // A phantom key today: within the job's last-7-days window.
      const today = new Date().toISOString().slice(0, 10);
      await api.db.query(`INSERT INTO time_rollups (organization_id, day, billable, entries, seconds, score_sum, score_seconds) VALUES ($1, $2, true, 1, 60, 0.5, 30)`, [api.admin.organizationId, today]);
      const job = await queue.add(ROLLUP_CHECK_JOB, { days: 7, repair: true });
      const result = await job.finished();
      expect(result.differing_keys).toBeGreaterThanOrEqual(1);
      const [{ left }] = await api.db.query(`SELECT count(*)::int AS left FROM time_rollups WHERE organization_id = $1 AND day = $2 AND entries <> 0 AND deal_id IS NULL AND user_id IS NULL AND billable`, [api.admin.organizationId, today]);
      expect(left).toBe(0);
      const [audit] = await api.db.query(`SELECT actor_type, action, changes FROM audit_logs WHERE organization_id = $1 AND object_type = 'time_rollups' ORDER BY created_at DESC LIMIT 1`, [api.admin.organizationId]);
      expect(audit).toMatchObject({ actor_type: 'system', action: 'repair', changes: { differing_keys: 1, repaired: true } });
    } finally {
      await worker.close();
    }
  });

  it('answers 400 naming the field for bad input, and refuses sales', async () => {
    const bad = async (path: string, field: string) => {
      const res = await request(api.app.getHttpServer()).get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${api.admin.accessToken}`).expect(400);
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
      const res = await checkRollups(api.app, api.admin.accessToken, body as Record<string, unknown>).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await check({ date_to: '2026-01-01' }, 'date_from');
    await check({ date_from: '2024-01-01', date_to: '2026-01-01' }, 'date_to');
    await check({ date_from: '2026-01-01', date_to: '2026-02-01', repair: 'yes' }, 'repair');

    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    await checkRollups(api.app, sales.token, RANGE).expect(403);
  });
});
