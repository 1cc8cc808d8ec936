import { randomUUID } from 'node:crypto';
import { apiWithOrg } from '../support/api-with-org';
import { userWithRole } from '../support/org-fixture';
import { getReport } from './report-compare';
import { pick, prng } from './report-data';

const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'];
const PROBABILITY_SQL = `(VALUES ('prospecting', 0.1), ('qualification', 0.25), ('proposal', 0.5), ('negotiation', 0.75), ('won', 1.0), ('lost', 0.0)) AS p(stage, probability)`;

/**
 * The pipeline report against raw SQL over randomized deals (created over months, in two
 * currencies, with owners, accounts and stage histories).
 */
describe('pipeline report', () => {
  const api = apiWithOrg('Pipeline Org');
  const owners: string[] = [];
  const accounts: string[] = [];
  const rand = prng(424242);

  beforeAll(async () => {
    const org = api.admin.organizationId;
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      await api.db.query(`INSERT INTO users (organization_id, id, name, email, password_hash, role) VALUES ($1, $2, $3, $4, 'x', 'sales')`, [org, id, `Seller ${i}`, `s${i}-${id.slice(0, 6)}@pipeline.test`]);
      owners.push(id);
      const account = randomUUID();
      await api.db.query(`INSERT INTO accounts (organization_id, id, name) VALUES ($1, $2, $3)`, [org, account, `Buyer ${i}`]);
      accounts.push(account);
    }
    for (let i = 0; i < 80; i++) {
      const id = randomUUID();
      const created = Date.parse('2025-06-01T00:00:00Z') + Math.floor(rand() * 240 * 86400) * 1000;
      const path = STAGES.slice(0, 1 + Math.floor(rand() * 4));
      if (rand() < 0.5) path.push(rand() < 0.5 ? 'won' : 'lost');
      const value = `${Math.floor(rand() * 900000)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
      await api.db.query(`INSERT INTO deals (organization_id, id, name, stage, value, currency, owner_id, account_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        org,
        id,
        `Opportunity ${i}`,
        path[path.length - 1],
        value,
        rand() < 0.3 ? 'EUR' : 'USD',
        pick(rand, owners),
        rand() < 0.8 ? pick(rand, accounts) : null,
        new Date(created).toISOString(),
      ]);
      let at = created;
      let from: string | null = null;
      for (const stage of path) {
        await api.db.query(`INSERT INTO deal_stage_history (organization_id, id, deal_id, from_stage, to_stage, entered_at) VALUES ($1, $2, $3, $4, $5, $6)`, [org, randomUUID(), id, from, stage, new Date(at).toISOString()]);
        from = stage;
        at += (1 + Math.floor(rand() * 30 * 86400)) * 1000;
      }
    }
  });

  /** The same figures from raw SQL written independently of the report's queries. */
  async function raw(q: { date_from?: string; date_to?: string; owner_id?: string; account_id?: string }) {
    const params: unknown[] = [api.admin.organizationId];
    const w = ['d.organization_id = $1'];
    if (q.date_from) w.push(`d.created_at >= ($${params.push(q.date_from)}::date)::timestamp AT TIME ZONE 'UTC'`);
    if (q.date_to) w.push(`d.created_at < ($${params.push(q.date_to)}::date)::timestamp AT TIME ZONE 'UTC'`);
    if (q.owner_id) w.push(`d.owner_id = $${params.push(q.owner_id)}`);
    if (q.account_id) w.push(`d.account_id = $${params.push(q.account_id)}`);
    const deals = `SELECT * FROM deals d WHERE ${w.join(' AND ')}`;
    const rows = await api.db.query(
      `SELECT d.pipeline_id, d.stage, initcap(d.stage) AS stage_name, d.currency, count(*)::int AS count, sum(d.value)::text AS value, p.probability::float8 AS probability, round(sum(d.value) * p.probability, 2)::text AS weighted_value, 'stage' AS weighting
         FROM (${deals}) d JOIN ${PROBABILITY_SQL} ON p.stage = d.stage GROUP BY d.pipeline_id, d.stage, d.currency, p.probability`,
      params,
    );
    const times = await api.db.query(
      `SELECT h.to_stage AS stage, count(*)::int AS exits,
              round(avg(extract(epoch FROM nxt.entered_at - h.entered_at)))::float8 AS average_seconds_in_stage,
              round(avg(extract(epoch FROM nxt.entered_at - h.entered_at)) / 86400, 2)::float8 AS average_days_in_stage
         FROM deal_stage_history h
         JOIN LATERAL (SELECT min(n.entered_at) AS entered_at FROM deal_stage_history n WHERE n.organization_id = h.organization_id AND n.deal_id = h.deal_id AND n.entered_at > h.entered_at) nxt ON nxt.entered_at IS NOT NULL
        WHERE h.deal_id IN (SELECT id FROM (${deals}) d) GROUP BY h.to_stage`,
      params,
    );
    const [win] = await api.db.query(
      `SELECT count(*) FILTER (WHERE stage = 'won')::int AS won, count(*) FILTER (WHERE stage = 'lost')::int AS lost,
              round(count(*) FILTER (WHERE stage = 'won')::numeric / nullif(count(*) FILTER (WHERE stage IN ('won', 'lost')), 0), 4)::float8 AS win_rate
         FROM (${deals}) d`,
      params,
    );
    // Every deal of this organization is in its default pipeline.
    const [{ id: pipelineId }] = await api.db.query(`SELECT id FROM pipelines WHERE organization_id = $1 AND is_default`, [api.admin.organizationId]);
    return { rows, times: times.map((t: object) => ({ pipeline_id: pipelineId, ...t })), win };
  }

  const order = (r: { stage: string; currency?: string }) => `${STAGES.indexOf(r.stage)}|${r.currency ?? ''}`;
  const sorted = <T extends { stage: string }>(rows: T[]) => [...rows].sort((a, b) => order(a).localeCompare(order(b)));

  it.each([{}, { date_from: '2025-08-01', date_to: '2025-12-01' }, { owner_id: 0 }, { account_id: 1, date_from: '2025-07-01' }])('equals raw SQL for %j', async (spec) => {
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec)) q[k] = k === 'owner_id' ? owners[v as number] : k === 'account_id' ? accounts[v as number] : (v as string);
    const report = await getReport(api.app, api.admin.accessToken, 'pipeline', q);
    const expected = await raw(q);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows).toEqual(sorted(expected.rows));
    expect(report.stage_times).toEqual(sorted(expected.times));
    expect({ won: report.totals.won, lost: report.totals.lost, win_rate: report.totals.win_rate }).toEqual(expected.win);
    // No trained win model: every row and total is weighted by its stage.
    expect(report.totals).toMatchObject({ weighting: 'stage', model_trained_at: null });
    expect(report.totals.by_currency.every((c: { weighting: string }) => c.weighting === 'stage')).toBe(true);
    expect(report.totals.count).toBe(expected.rows.reduce((s: number, r: { count: number }) => s + r.count, 0));
    expect(report.filters).toMatchObject({ group_by: 'stage', date_from: q['date_from'] ?? null });
  });

  it('is open to sales but the time reports are not', async () => {
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    await getReport(api.app, sales.token, 'pipeline');
    await expect(getReport(api.app, sales.token, 'time-per-deal')).rejects.toThrow(/403/);
  });
});
