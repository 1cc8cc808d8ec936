import { WinModelService } from '@clockwork/server-insights';
import { WIN_MODEL_MIN_CLOSED } from '@clockwork/shared-dto';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { signup, SignedUp } from '../support/org-fixture';
// The synthetic organizations of the insights tests (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateDeals } from '../../../../tools/testing/synthetic-deals';
import { getReport } from './report-compare';

const PROBABILITY_SQL = `(VALUES ('prospecting', 0.1), ('qualification', 0.25), ('proposal', 0.5), ('negotiation', 0.75), ('won', 1.0), ('lost', 0.0)) AS p(stage, probability)`;

interface Row {
  stage: string;
  currency: string;
  count: number;
  value: string;
  weighted_value: string;
  weighting: string;
}
const key = (r: { stage: string; currency: string }) => `${r.stage}|${r.currency}`;
const cents = (v: string) => Math.round(Number(v) * 100);

/**
 * The weighted pipeline with and without a trained win model, each against raw SQL over the
 * deals: with a model, Σ value × the probability GET /insights/win-probabilities gives each open
 * deal (won and lost deals keep their stage's 1 and 0); with a stage-rate fallback model (too
 * few closed deals), Σ value × the stage's probability.
 */
describe('pipeline report: weighting by the win model', () => {
  const api = apiWithOrg('Weighted Pipeline Org');
  let small: SignedUp;

  beforeAll(async () => {
    await generateDeals(api.db, api.admin.organizationId, { closed: 200, open: 120, seed: 606, currencies: ['USD', 'EUR'] });
    await api.app.get(WinModelService).train(api.admin.organizationId);
    small = await signup(api.app, 'Weighted Pipeline Small');
    await generateDeals(api.db, small.organizationId, { closed: WIN_MODEL_MIN_CLOSED - 1, open: 20, seed: 607 });
    await api.app.get(WinModelService).train(small.organizationId);
  }, 120_000);

  /** Per stage and currency: value × (the deal's probability when given, else the stage's), from raw SQL. */
  async function raw(organizationId: string, probabilities: Map<string, number>) {
    const rows: Row[] = await api.db.query(
      `SELECT d.stage, d.currency, count(*)::int AS count, sum(d.value)::text AS value,
              round(sum(d.value * coalesce(w.probability::numeric, p.probability)), 2)::text AS weighted_value,
              CASE WHEN bool_or(w.probability IS NOT NULL) THEN 'model' ELSE 'stage' END AS weighting
         FROM deals d JOIN ${PROBABILITY_SQL} ON p.stage = d.stage
         LEFT JOIN unnest($2::uuid[], $3::float8[]) AS w(deal_id, probability) ON w.deal_id = d.id AND d.stage NOT IN ('won', 'lost')
        WHERE d.organization_id = $1 GROUP BY d.stage, d.currency`,
      [organizationId, [...probabilities.keys()], [...probabilities.values()]],
    );
    return new Map(rows.map((r) => [key(r), r]));
  }

  it("weights each open deal by the model's probability and says so; the sums equal raw SQL over those probabilities", async () => {
    // One moment for both reads (the api runs in this process): days in stage and since the last entry do not move between them.
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const body = (await request(api.app.getHttpServer()).get('/api/v1/insights/win-probabilities').set('Authorization', `Bearer ${api.admin.accessToken}`).expect(200)).body;
    expect(body.model.fallback).toBe(false);
    const probabilities = new Map<string, number>(body.deals.map((d: { deal_id: string; probability: number }) => [d.deal_id, d.probability]));
    expect(probabilities.size).toBe(120);

    const report = await getReport(api.app, api.admin.accessToken, 'pipeline');
    const expected = await raw(api.admin.organizationId, probabilities);
    const stageOnly = await raw(api.admin.organizationId, new Map());
    expect(report.rows).toHaveLength(expected.size);
    for (const row of report.rows as Row[]) {
      const want = expected.get(key(row)) as Row;
      expect({ count: row.count, value: row.value, weighted_value: row.weighted_value, weighting: row.weighting }).toEqual({ count: want.count, value: want.value, weighted_value: want.weighted_value, weighting: want.weighting });
    }
    expect(report.rows.filter((r: Row) => r.weighting === 'model').map((r: Row) => r.stage).sort()).toEqual(
      [...expected.values()].filter((r) => !['won', 'lost'].includes(r.stage)).map((r) => r.stage).sort(),
    );
    // The model moves the numbers: the open stages' weighted values are not the stage weights'.
    const open = (m: Map<string, Row>) => [...m.values()].filter((r) => r.weighting === 'model' || !['won', 'lost'].includes(r.stage)).reduce((s, r) => s + cents(r.weighted_value), 0);
    expect(open(expected)).not.toBe(open(stageOnly));

    expect(report.totals.weighting).toBe('model');
    expect(Date.parse(report.totals.model_trained_at)).toBeGreaterThan(Date.now() - 600_000);
    for (const total of report.totals.by_currency) {
      const of = [...expected.values()].filter((r) => r.currency === total.currency);
      expect(total.weighting).toBe('model');
      expect(cents(total.weighted_value)).toBe(of.reduce((s, r) => s + cents(r.weighted_value), 0));
    }
  });
  afterEach(() => jest.useRealTimers());

  it('falls back to the stage weights when the newest model is a stage-rate fallback, against raw SQL', async () => {
    const report = await getReport(api.app, small.accessToken, 'pipeline');
    const expected = await raw(small.organizationId, new Map());
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows as Row[]) {
      expect({ count: row.count, value: row.value, weighted_value: row.weighted_value, weighting: row.weighting }).toEqual({ ...(expected.get(key(row)) as Row), stage: undefined, currency: undefined });
    }
    expect(report.totals).toMatchObject({ weighting: 'stage', model_trained_at: null });
  });
});
