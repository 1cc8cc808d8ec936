import type { ChurnRiskDto } from '@clockwork/api-client';
import { apiWithOrg } from '../support/api-with-org';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { pagedList } from '../support/paged-list';
import { pairAuc } from '../support/pair-auc';
// The synthetic organizations, shared with the bench's insights scenario (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateChurnAccounts, SyntheticAccount } from '../../../../tools/testing/synthetic-deals';

/** The score as docs/insights.md writes it, from raw facts (weights copied from the doc, not imported). */
function documentedRisk(f: { recent: number; prior: number; days: number; open: number; lost: number; overdue: number }): number {
  const z =
    -3 +
    1.2 * Math.max(0, Math.log1p(f.prior / 3) - Math.log1p(f.recent)) +
    0.8 * Math.log1p(Math.max(0, f.days - 7) / 7) +
    0.9 * Math.min(f.overdue, 3) +
    (f.open === 0 ? 1 : 0) +
    0.6 * Math.min(f.lost, 3);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Churn risk on synthetic accounts whose churn the generator drew from their effort, silence,
 * unpaid invoices and deals (tools/testing/synthetic-deals.ts): the accounts it made churn rank
 * above the others (AUC ≥ 0.75), the list is paged by risk, and every figure matches raw SQL.
 */
describe('insights: churn risk', () => {
  const api = apiWithOrg('Churn');
  const list = pagedList<ChurnRiskDto>(() => api.app, '/api/v1/insights/churn-risk');
  const { get } = list;
  /** Every page, in order. */
  const all = (who: SignedUp, limit = 60) => list.all(who, limit);
  let admin: SignedUp;
  let other: SignedUp;
  let accounts: SyntheticAccount[];

  beforeAll(async () => {
    admin = api.admin;
    other = await signup(api.app, 'Churn other');
    accounts = await generateChurnAccounts(api.db, admin.organizationId, { accounts: 400, seed: 31 });
    await generateChurnAccounts(api.db, other.organizationId, { accounts: 30, seed: 32 });
  }, 120_000);

  it('ranks the accounts the generator made churn above the others (AUC ≥ 0.75), highest risk first over every page', async () => {
    const rows = await all(admin);
    expect(rows.map((r) => r.account_id).sort()).toEqual(accounts.map((a) => a.id).sort());
    const risks = rows.map((r) => r.risk);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
    const byId = new Map(rows.map((r) => [r.account_id, r.risk]));
    const churned = accounts.filter((a) => a.churned).length;
    expect(churned).toBeGreaterThan(40);
    expect(churned).toBeLessThan(360);
    expect(pairAuc(accounts.map((a) => byId.get(a.id) as number), accounts.map((a) => a.churned))).toBeGreaterThanOrEqual(0.75);
    for (const r of rows.slice(0, 20)) {
      expect(r.factors.length).toBeGreaterThan(0);
      expect(r.level).toBe(r.risk >= 0.6 ? 'high' : r.risk >= 0.3 ? 'medium' : 'low');
    }
  });

  it('shows figures and a risk that raw SQL and the documented weights reproduce', async () => {
    const rows = (await get(admin, { limit: 200 }).expect(200)).body.data as ChurnRiskDto[];
    const ids = rows.filter((_, i) => i % 10 === 0).map((r) => r.account_id);
    const raw: { id: string; recent: number; prior: number; days: number; open: number; lost: number; overdue: number }[] = await api.db.query(
      `SELECT a.id,
              coalesce((SELECT sum(duration_seconds) FROM time_entries e WHERE e.organization_id = a.organization_id AND e.account_id = a.id AND e.start_time >= now() - interval '30 days'), 0)::float8 / 3600 AS recent,
              coalesce((SELECT sum(duration_seconds) FROM time_entries e WHERE e.organization_id = a.organization_id AND e.account_id = a.id AND e.start_time < now() - interval '30 days' AND e.start_time >= now() - interval '120 days'), 0)::float8 / 3600 AS prior,
              extract(epoch FROM now() - (SELECT max(start_time) FROM time_entries e WHERE e.organization_id = a.organization_id AND e.account_id = a.id))::float8 / 86400 AS days,
              (SELECT count(*) FROM deals d WHERE d.organization_id = a.organization_id AND d.account_id = a.id AND d.stage NOT IN ('won', 'lost'))::int AS open,
              (SELECT count(*) FROM deals d WHERE d.organization_id = a.organization_id AND d.account_id = a.id AND d.stage = 'lost' AND d.closed_at > now() - interval '180 days')::int AS lost,
              (SELECT count(*) FROM invoices i WHERE i.organization_id = a.organization_id AND i.account_id = a.id AND i.status = 'issued' AND i.invoice_date < current_date - 30)::int AS overdue
         FROM accounts a WHERE a.organization_id = $1 AND a.id = ANY($2::uuid[])`,
      [admin.organizationId, ids],
    );
    expect(raw).toHaveLength(ids.length);
    for (const f of raw) {
      const r = rows.find((x) => x.account_id === f.id) as ChurnRiskDto;
      expect(r.hours_last_30d).toBeCloseTo(f.recent, 1);
      expect(r.hours_baseline_30d).toBeCloseTo(f.prior / 3, 1);
      expect(r.days_since_touch).toBeCloseTo(f.days, 0);
      expect(r).toMatchObject({ open_deals: f.open, lost_deals_180d: f.lost, overdue_invoices: f.overdue });
      expect(r.risk).toBeCloseTo(documentedRisk(f), 3);
    }
  });

  it('answers one account for the account page; another organization’s accounts never appear', async () => {
    const [first] = accounts;
    const body = (await get(admin, { account_id: first.id }).expect(200)).body;
    expect(body.data.map((r: ChurnRiskDto) => r.account_id)).toEqual([first.id]);
    expect(body.next_cursor).toBeNull();
    const theirs = await all(other, 200);
    expect(theirs).toHaveLength(30);
    expect(theirs.some((r) => accounts.some((a) => a.id === r.account_id))).toBe(false);
    expect((await get(other, { account_id: first.id }).expect(200)).body.data).toEqual([]);
  });

  it('names a bad filter or cursor in a 400, and is for admins and managers only', async () => {
    await list.expectBadRequest(admin, { account_id: 'nope' }, 'account_id');
    await list.expectBadRequest(admin, { limit: 0 }, 'limit');
    await list.expectBadRequest(admin, { cursor: 'bm9wZQ' }, 'cursor');
    const sales = await userWithRole(api.app, admin.accessToken, 'sales');
    await get({ accessToken: sales.token }).expect(403);
  });
});
