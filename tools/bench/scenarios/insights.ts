// 7. Insights: an organization with 5,000 closed and 1,000 open deals (the synthetic generator of
// the insights e2e tests: outcomes drawn from effort and recency), trained by the worker on
// demand (POST /insights/win-model/train → the model row appears) and its 1,000 open deals
// scored (GET /insights/win-probabilities). Target: the two together within 5 s (judged at
// --scale full, like every target). Baseline, in the same run: one raw SQL read of the same deals
// with their hours, the least any model of them has to read.
import { generateDeals } from '../../testing/synthetic-deals';
import { ApiClient } from '../api-client';
import { ResultRow, round, Scenario, timed } from '../scenario';

const CLOSED = 5_000;
const OPEN = 1_000;
const TARGET_MS = 5_000;

interface WinModel {
  id: string | null;
  n_closed: number;
  auc: number | null;
  brier: number | null;
  fallback_brier: number | null;
}

export const insights: Scenario = {
  id: 'insights',
  title: `Win model: train on ${CLOSED.toLocaleString('en-US')} closed deals, score ${OPEN.toLocaleString('en-US')} open ones`,
  async run(ctx) {
    // An organization of its own, so the seeded one (and the other scenarios) stay as they are.
    const api = new ApiClient(ctx.stack.urls);
    const { organizationId } = await api.signUp();
    const generated = await timed(() => generateDeals(ctx.pool, organizationId, { closed: CLOSED, open: OPEN, seed: 20261206 }));
    ctx.log(`  generated ${CLOSED + OPEN} deals in ${round(generated.ms / 1000, 1)} s`);
    await ctx.pool.query('ANALYZE deals, deal_stage_history, time_entries, activities');

    const train = await timed(async () => {
      await api.ok('POST', '/api/v1/insights/win-model/train', {});
      for (;;) {
        const model = (await api.ok<WinModel>('GET', '/api/v1/insights/win-model')).body;
        if (model.id) return model;
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    const score = await timed(() => api.ok<{ deals: unknown[] }>('GET', '/api/v1/insights/win-probabilities'));
    if (score.value.body.deals.length !== OPEN) throw new Error(`scored ${score.value.body.deals.length} deals, not ${OPEN}`);
    const total = train.ms + score.ms;
    const raw = await timed(() =>
      ctx.pool.query(
        `SELECT d.id, d.stage, d.value, count(t.id) AS entries, coalesce(sum(t.duration_seconds), 0) AS seconds
           FROM deals d LEFT JOIN time_entries t ON t.organization_id = d.organization_id AND t.deal_id = d.id
          WHERE d.organization_id = $1 GROUP BY d.organization_id, d.id`,
        [organizationId],
      ),
    );
    const judged = ctx.scale.name === 'full';
    const m = train.value;
    const row = (metric: string, ms: number, targets: ResultRow['targets'], pass: boolean | null, note?: string): ResultRow => ({
      scenario: 'insights',
      metric,
      unit: 's',
      measured: round(ms / 1000, 2),
      baseline: round(raw.ms / 1000, 3),
      baselineLabel: 'raw SQL read of the deals and their hours',
      ratio: raw.ms > 0 ? round(ms / raw.ms, 1) : null,
      targets,
      pass,
      note,
    });
    return [
      row('train (request → model stored)', train.ms, [], null, `n_closed ${m.n_closed}, held-out AUC ${m.auc?.toFixed(3)}, Brier ${m.brier?.toFixed(4)} (stage rates ${m.fallback_brier?.toFixed(4)})`),
      row(`score ${OPEN} open deals`, score.ms, [], null),
      row('train + score', total, [{ kind: 'max', value: TARGET_MS / 1000, of: 'measured' }], judged ? total <= TARGET_MS : null, judged ? undefined : `${total <= TARGET_MS ? 'within' : 'over'} the 5 s target (judged at --scale full)`),
    ];
  },
};
