import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { signup } from '../support/org-fixture';
import { checkRollups } from '../support/domains/reports.domain';
import { expectReportsMatchRaw } from './report-compare';
import { pick, postEntries, prng, randomEntries, Seeded, seedRecords } from './report-data';
import type { RawQuery } from './raw-reports';

/**
 * The time reports read only the rollups; these tests hold them to an independent raw-SQL
 * computation over randomized entries (seeded PRNG), after every kind of write: ingestion
 * (insert and upsert-update), PATCH, DELETE, re-mapping through assign, and deleting a deal,
 * a task and an account (SET NULL cascades), and with two batches in flight at once. Queries
 * without a filter (or with filters the span rollups hold) read the span rollups, the others
 * the daily rollups: the variants cover both.
 */
describe('time reports equal the raw entries', () => {
  const api = apiWithOrg('Reports Org');
  let seeded: Seeded;
  const rand = prng(20260107);
  let entryIds: string[] = [];
  const http = () => request(api.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${api.admin.accessToken}` });

  const variants = (): RawQuery[] => [
    {},
    { date_from: '2025-11-01', date_to: '2026-01-15' },
    { date_from: '2025-10-01', date_to: '2026-03-01', group_by: 'day' },
    { date_from: '2025-10-15', date_to: '2026-02-10', group_by: 'week' },
    { group_by: 'month' },
    { date_from: '2025-11-01', date_to: '2025-11-02' },
    { deal_id: seeded.deals[0].id, group_by: 'month' },
    { account_id: seeded.accounts[1], date_from: '2025-12-01', date_to: '2026-02-01' },
    { user_id: seeded.users[2], group_by: 'week' },
    { owner_id: seeded.users[0] },
    // Whole months, ranges straddling month (and year) boundaries, open ends, and ranges that
    // hold whole 4-, 16-, 64- and 256-day span buckets (2026-01-27..2026-10-10 is one of 256).
    { date_from: '2025-12-01', date_to: '2026-01-01' },
    { date_from: '2025-11-01', date_to: '2026-02-01', group_by: 'month' },
    { date_from: '2025-10-29', date_to: '2025-11-04', group_by: 'day' },
    { date_from: '2025-11-27', date_to: '2026-01-06', group_by: 'week' },
    { date_from: '2025-10-03', date_to: '2026-02-25' },
    { date_from: '2026-01-20', date_to: '2026-10-20' },
    { date_from: '2026-01-20', date_to: '2026-10-20', group_by: 'month' },
    { date_from: '2025-12-15' },
    { date_to: '2025-12-15', group_by: 'week' },
    { user_id: seeded.users[1], date_from: '2025-10-20', date_to: '2026-06-03', group_by: 'month' },
    { account_id: seeded.accounts[2], user_id: seeded.users[0], date_from: '2025-11-30', date_to: '2026-01-02', group_by: 'day' },
    { owner_id: seeded.users[1], date_from: '2025-11-15', date_to: '2026-03-15', group_by: 'month' },
    { deal_id: seeded.deals[1].id, user_id: seeded.users[3] },
  ];

  const expectAllMatch = async () => {
    let rows = 0;
    for (const q of variants()) rows += await expectReportsMatchRaw(api.app, api.admin.accessToken, api.admin.organizationId, q);
    expect(rows).toBeGreaterThan(100);
    for (const range of [{ date_from: '2025-09-01', date_to: '2026-04-01' }, { date_from: '2026-04-01', date_to: '2026-12-01' }]) {
      const check = await checkRollups(api.app, api.admin.accessToken, range).expect(200);
      expect(check.body).toMatchObject({ differing_keys: 0, span_differing_keys: 0 });
    }
  };

  beforeAll(async () => {
    seeded = await seedRecords(api.app, api.admin.organizationId, rand);
    entryIds = await postEntries(api.app, api.admin.accessToken, randomEntries(rand, seeded, 700, 'a'));
    // The agent re-sends some entries with a newer updated_at: the upsert's UPDATE path.
    const resent = randomEntries(prng(7), seeded, 120, 'a').map((e) => ({ ...e, updated_at: '2026-02-01T00:00:00.000Z' }));
    await postEntries(api.app, api.admin.accessToken, resent);
    // Some over 400 days, so that reports use 256-day span buckets.
    await postEntries(api.app, api.admin.accessToken, randomEntries(prng(3), seeded, 200, 'long', 400));
  });

  it('after ingestion (inserts and upsert updates)', async () => {
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM time_entries WHERE organization_id = $1`, [api.admin.organizationId]);
    expect(count).toBe(900);
    await expectAllMatch();
  });

  it('after PATCH (moved across days, billable, score) and DELETE', async () => {
    for (const id of entryIds.slice(0, 25)) {
      const start = Date.parse('2025-12-24T23:30:00Z') + Math.floor(rand() * 48) * 3600_000;
      await http()
        .patch(`/api/v1/time-entries/${id}`)
        .set(auth())
        .send({ start_time: new Date(start).toISOString(), end_time: new Date(start + 5400_000).toISOString(), duration_seconds: 5400, billable: rand() < 0.5, productivity_score: 0.333 })
        .expect(200);
    }
    for (const id of entryIds.slice(25, 45)) await http().delete(`/api/v1/time-entries/${id}`).set(auth()).expect(204);
    await expectAllMatch();
  });

  it('after re-mapping through assign', async () => {
    const unmapped: { id: string }[] = await api.db.query(`SELECT id FROM time_entries WHERE organization_id = $1 AND deal_id IS NULL ORDER BY id LIMIT 30`, [api.admin.organizationId]);
    expect(unmapped.length).toBe(30);
    for (const { id } of unmapped.slice(0, 20)) await http().post(`/api/v1/time-entries/${id}/assign`).set(auth()).send({ deal_id: pick(rand, seeded.deals).id }).expect(200);
    const mapped: { id: string }[] = await api.db.query(`SELECT id FROM time_entries WHERE organization_id = $1 AND deal_id = $2 ORDER BY id LIMIT 5`, [api.admin.organizationId, seeded.deals[1].id]);
    for (const { id } of mapped) await http().post(`/api/v1/time-entries/${id}/assign`).set(auth()).send({ deal_id: seeded.deals[2].id }).expect(200);
    await expectAllMatch();
  });

  it('after deleting a deal, a task and an account (their time moves to "none")', async () => {
    const [{ before }] = await api.db.query(`SELECT count(*)::int AS before FROM time_entries WHERE organization_id = $1 AND deal_id = $2`, [api.admin.organizationId, seeded.deals[3].id]);
    expect(before).toBeGreaterThan(0);
    await http().delete(`/api/v1/deals/${seeded.deals[3].id}`).set(auth()).expect(204);
    await http().delete(`/api/v1/tasks/${seeded.tasks[0].id}`).set(auth()).expect(204);
    await http().delete(`/api/v1/accounts/${seeded.accounts[0]}`).set(auth()).expect(204);
    const [{ after }] = await api.db.query(`SELECT count(*)::int AS after FROM time_rollups WHERE organization_id = $1 AND deal_id = $2 AND entries <> 0`, [api.admin.organizationId, seeded.deals[3].id]);
    expect(after).toBe(0);
    await expectAllMatch();
  });

  it('with two batches in flight at once (same days, users and deals)', async () => {
    const first = randomEntries(prng(11), seeded, 1500, 'c1', 20);
    const second = randomEntries(prng(12), seeded, 1500, 'c2', 20);
    const [a, b] = await Promise.all([postEntries(api.app, api.admin.accessToken, first), postEntries(api.app, api.admin.accessToken, second)]);
    expect(a.length + b.length).toBe(3000);
    await expectAllMatch();
  });

  it('keeps other organizations out', async () => {
    const other = await signup(api.app, 'Other Reports Org');
    const res = await http().get('/api/v1/reports/time-per-deal').set('Authorization', `Bearer ${other.accessToken}`).expect(200);
    expect(res.body.rows).toEqual([]);
    expect(res.body.totals).toEqual({ entries: 0, seconds: 0, hours: 0, billable_seconds: 0, billable_hours: 0 });
  });
});
