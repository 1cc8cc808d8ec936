import type { DealHealthDto } from '@clockwork/api-client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { prng } from '@clockwork/testing-support';
import { apiWithOrg } from '../support/api-with-org';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { pagedList } from '../support/paged-list';

const DAY = 86_400_000;
const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'];

/**
 * Won deals with pre-sales hours (and project hours after their close, which must not count) and
 * open deals in every stage with effort of every age, some with an hours budget over a timeline
 * or per month; written straight into PostgreSQL. Ages are whole days plus 12 hours so that no
 * deal sits on a threshold.
 */
async function generate(db: DataSource, organizationId: string, seed: number, open = 80): Promise<string[]> {
  const r = prng(seed);
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const day = (t: number) => iso(t).slice(0, 10);
  const deals: unknown[][] = [];
  const entries: unknown[][] = [];
  for (let i = 0; i < 25; i++) {
    const id = randomUUID();
    const closed = now - (10 + Math.floor(r() * 100)) * DAY;
    deals.push([id, `Won ${i}`, 'won', 1000 + Math.round(r() * 9000), iso(closed - 90 * DAY), iso(closed), null, 'life', null, null]);
    for (let k = 0; k < 1 + Math.floor(r() * 6); k++) entries.push([id, iso(closed - (1 + Math.floor(r() * 60)) * DAY - 12 * 3600_000), 3600 * (1 + Math.floor(r() * 4))]);
    entries.push([id, iso(closed + 2 * DAY), 3600 * 30]);
  }
  const openIds: string[] = [];
  for (let i = 0; i < open; i++) {
    const id = randomUUID();
    openIds.push(id);
    const created = now - (20 + Math.floor(r() * 80)) * DAY - 12 * 3600_000;
    const budget = r() < 0.5 ? 20 + Math.round(r() * 60) : null;
    const period = r() < 0.3 ? 'month' : 'life';
    const start = day(created + Math.floor(r() * 10) * DAY);
    const end = r() < 0.8 ? day(now + (5 + Math.floor(r() * 60)) * DAY) : null;
    deals.push([id, `Open ${i}`, STAGES[i % 4], 1000 + Math.round(r() * 9000), iso(created), null, budget, period, start, end]);
    const n = Math.floor(r() * 8);
    const lastAge = 1 + Math.floor(r() * 30);
    for (let k = 0; k < n; k++) entries.push([id, iso(now - (lastAge + Math.floor(r() * 15) * (k > 0 ? 1 : 0)) * DAY - 12 * 3600_000), 3600 * (1 + Math.floor(r() * 9))]);
  }
  const col = (j: number) => deals.map((d) => d[j]);
  await db.query(
    `INSERT INTO deals (organization_id, id, name, stage, value, currency, created_at, updated_at, closed_at, hours_budget, budget_period, start_date, end_date)
     SELECT $1, id, name, stage, value, 'USD', created_at, coalesce(closed_at, created_at), closed_at, hours_budget, budget_period, start_date, end_date
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::timestamptz[], $7::timestamptz[], $8::numeric[], $9::text[], $10::date[], $11::date[])
         AS x(id, name, stage, value, created_at, closed_at, hours_budget, budget_period, start_date, end_date)`,
    [organizationId, col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9)],
  );
  await db.query(
    `INSERT INTO time_entries (organization_id, id, employee_id, deal_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status)
     SELECT $1, gen_random_uuid(), 'emp-1', deal_id, start_time, start_time + make_interval(secs => seconds), seconds, 'manual', 0.5, 'manual', 'mapped'
       FROM unnest($2::uuid[], $3::timestamptz[], $4::int[]) AS x(deal_id, start_time, seconds)`,
    [organizationId, entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])],
  );
  return openIds;
}

/** The signals as docs/insights.md defines them, from raw SQL rows (thresholds copied from the doc, not imported). */
function expectedSignals(
  d: { stage: string; value: number; created_at: Date; last_start: Date | null; hours: number; hours_budget: number | null; budget_period: string; month_hours: number; start_date: string; end_date: string | null },
  won: { value: number; hours: number }[],
  now: number,
) {
  const out: Record<string, Record<string, number>> = {};
  const quietDays = (now - (d.last_start ?? d.created_at).getTime()) / DAY;
  if (!['prospecting', 'qualification'].includes(d.stage) && quietDays >= 14) out.idle_late_stage = { days_without_hours: Math.floor(quietDays) };
  const peers = won.filter((w) => w.value >= d.value / 2 && w.value <= d.value * 2).map((w) => w.hours).sort((a, b) => a - b);
  const m = peers.length;
  const median = m === 0 ? 0 : m % 2 ? peers[(m - 1) / 2] : (peers[m / 2 - 1] + peers[m / 2]) / 2;
  if (m >= 3 && median > 0 && d.hours >= 3 * median) out.effort_above_won = { hours: d.hours, median_hours: median, multiple: d.hours / median, won_peers: m };
  if (d.hours_budget) {
    let elapsed: number | null = null;
    if (d.budget_period === 'month') {
      const n = new Date(now);
      const s = Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), 1);
      elapsed = (now - s) / (Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + 1, 1) - s);
    } else if (d.end_date) {
      const s = Date.parse(`${d.start_date}T00:00:00Z`);
      const e = Date.parse(`${d.end_date}T00:00:00Z`) + DAY;
      elapsed = Math.min(1, Math.max(0, (now - s) / (e - s)));
    }
    const usedHours = d.budget_period === 'month' ? d.month_hours : d.hours;
    const used = (100 * usedHours) / d.hours_budget;
    if (elapsed !== null && used - 100 * elapsed >= 20) out.budget_ahead_of_timeline = { budget_used_percent: used, timeline_percent: 100 * elapsed, used_hours: usedHours, budget_hours: d.hours_budget };
  }
  return out;
}

/**
 * Deal health on generated deals: every open deal's signals and their numbers against an
 * independent computation from raw SQL and the documented thresholds, the pages in order, one
 * deal for the deal page, another organization never seen, 400s and roles.
 */
describe('insights: deal health', () => {
  const api = apiWithOrg('Health');
  const list = pagedList<DealHealthDto>(() => api.app, '/api/v1/insights/deal-health');
  const { get } = list;
  const all = (who: SignedUp, limit = 25) => list.all(who, limit);
  let db: DataSource;
  let admin: SignedUp;
  let other: SignedUp;
  let openIds: string[];

  beforeAll(async () => {
    ({ db, admin } = api);
    other = await signup(api.app, 'Health other');
    openIds = await generate(db, admin.organizationId, 41);
    await generate(db, other.organizationId, 42, 10);
  }, 120_000);

  it('gives every open deal the signals and numbers that raw SQL and the documented thresholds give, most signals first over every page', async () => {
    const rows = await all(admin);
    const now = Date.now();
    expect(rows.map((r) => r.deal_id).sort()).toEqual([...openIds].sort());
    const counts = rows.map((r) => r.signals.length);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const won: { value: number; hours: number }[] = await db.query(
      `SELECT w.value::float8 AS value, coalesce((SELECT sum(duration_seconds) FROM time_entries e WHERE e.organization_id = w.organization_id AND e.deal_id = w.id AND e.start_time < w.closed_at), 0)::float8 / 3600 AS hours
         FROM deals w WHERE w.organization_id = $1 AND w.stage = 'won'`,
      [admin.organizationId],
    );
    const open = await db.query(
      `SELECT d.id, d.stage, d.value::float8 AS value, d.created_at, d.hours_budget::float8 AS hours_budget, d.budget_period,
              to_char(coalesce(d.start_date, d.created_at::date), 'YYYY-MM-DD') AS start_date, to_char(d.end_date, 'YYYY-MM-DD') AS end_date,
              (SELECT max(start_time) FROM time_entries e WHERE e.organization_id = d.organization_id AND e.deal_id = d.id) AS last_start,
              coalesce((SELECT sum(duration_seconds) FROM time_entries e WHERE e.organization_id = d.organization_id AND e.deal_id = d.id), 0)::float8 / 3600 AS hours,
              coalesce((SELECT sum(duration_seconds) FROM time_entries e WHERE e.organization_id = d.organization_id AND e.deal_id = d.id AND e.start_time >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0)::float8 / 3600 AS month_hours
         FROM deals d WHERE d.organization_id = $1 AND d.stage NOT IN ('won', 'lost')`,
      [admin.organizationId],
    );
    const seen = new Set<string>();
    for (const d of open) {
      const expected = expectedSignals(d, won, now);
      const got = (rows.find((r) => r.deal_id === d.id) as DealHealthDto).signals;
      expect(got.map((s) => s.code).sort()).toEqual(Object.keys(expected).sort());
      for (const s of got) {
        seen.add(s.code);
        expect(s.message.length).toBeGreaterThan(10);
        for (const [k, v] of Object.entries(expected[s.code])) expect(s.numbers[k]).toBeCloseTo(v, k.endsWith('percent') || k === 'multiple' ? 0 : 1);
      }
    }
    expect([...seen].sort()).toEqual(['budget_ahead_of_timeline', 'effort_above_won', 'idle_late_stage']);
  });

  it('answers one deal for the deal page; a closed deal or another organization’s deals never appear', async () => {
    const body = (await get(admin, { deal_id: openIds[3] }).expect(200)).body;
    expect(body.data.map((r: DealHealthDto) => r.deal_id)).toEqual([openIds[3]]);
    expect(body.next_cursor).toBeNull();
    const [wonDeal] = await db.query(`SELECT id FROM deals WHERE organization_id = $1 AND stage = 'won' LIMIT 1`, [admin.organizationId]);
    expect((await get(admin, { deal_id: wonDeal.id }).expect(200)).body.data).toEqual([]);
    const theirs = await all(other, 200);
    expect(theirs).toHaveLength(10);
    expect(theirs.some((r) => openIds.includes(r.deal_id))).toBe(false);
    expect((await get(other, { deal_id: openIds[3] }).expect(200)).body.data).toEqual([]);
  });

  it('names a bad filter or cursor in a 400, and is for admins and managers only', async () => {
    await list.expectBadRequest(admin, { deal_id: 'nope' }, 'deal_id');
    await list.expectBadRequest(admin, { limit: 0 }, 'limit');
    await list.expectBadRequest(admin, { limit: 201 }, 'limit');
    await list.expectBadRequest(admin, { cursor: 'bm9wZQ' }, 'cursor');
    const sales = await userWithRole(api.app, admin.accessToken, 'sales');
    await get({ accessToken: sales.token }).expect(403);
  });
});
