import type { WinProbabilityDto } from '@clockwork/api-client';
import { getQueueToken } from '@nestjs/bull';
import { INestApplication } from '@nestjs/common';
import { InsightsRepository, WinModelService } from '@clockwork/server-insights';
import { STAGE_PROBABILITIES, WIN_MODEL_MIN_CLOSED } from '@clockwork/shared-dto';
import { INSIGHTS_TRAIN_JOB, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { pairAuc } from '../support/pair-auc';
// The synthetic organizations, shared with the bench's insights scenario (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateDeals, OPEN_STAGES, SyntheticDeal } from '../../../../tools/testing/synthetic-deals';

const brier = (scores: number[], won: boolean[]) => scores.reduce((s, p, i) => s + (p - (won[i] ? 1 : 0)) ** 2, 0) / scores.length;

/** The stage-only fallback, computed here from the generator's closed deals: (won + 2 × stage weight) / (n + 2) per last open stage. */
function stageRatesOf(closedStages: Map<string, string>, deals: SyntheticDeal[]): Record<string, number> {
  const closed = deals.filter((d) => d.closed);
  return Object.fromEntries(
    OPEN_STAGES.map((s) => {
      const of = closed.filter((d) => closedStages.get(d.id) === s);
      return [s, (of.filter((d) => d.won).length + 2 * STAGE_PROBABILITIES[s]) / (of.length + 2)];
    }),
  );
}

/**
 * Win probabilities on synthetic organizations where the truth is known (tools/testing/synthetic-deals.ts):
 * each organization's model, trained on its own closed deals as of their close, ranks its open
 * deals by their hidden outcome (AUC ≥ 0.75) and beats the stage-only fallback on Brier score;
 * two organizations with opposite patterns each get their own model.
 */
describe('insights: win probabilities', () => {
  let app: INestApplication;
  let db: DataSource;
  const orgs: { admin: SignedUp; deals: SyntheticDeal[] }[] = [];
  const http = () => request(app.getHttpServer());
  const get = async (admin: SignedUp, path: string, query: Record<string, string> = {}) => (await http().get(`/api/v1/insights/${path}`).query(query).set('Authorization', `Bearer ${admin.accessToken}`).expect(200)).body;

  /** The last open stage of each closed deal, read back from the history the generator wrote. */
  const closedStages = async (organizationId: string) => {
    const rows: { deal_id: string; stage: string }[] = await db.query(
      `SELECT DISTINCT ON (deal_id) deal_id, to_stage AS stage FROM deal_stage_history WHERE organization_id = $1 AND to_stage NOT IN ('won', 'lost') ORDER BY deal_id, entered_at DESC`,
      [organizationId],
    );
    return new Map(rows.map((r) => [r.deal_id, r.stage]));
  };

  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
    for (const [seed, pattern] of [
      [101, 1],
      [202, -1],
    ] as const) {
      const admin = await signup(app, `Insights ${pattern}`);
      orgs.push({ admin, deals: await generateDeals(db, admin.organizationId, { closed: 600, open: 400, seed, pattern, currencies: ['USD', 'EUR'] }) });
    }
    for (const { admin } of orgs) await app.get(WinModelService).train(admin.organizationId);
  }, 180_000);
  afterAll(() => app.close());

  it('ranks the open deals by their hidden outcome (AUC ≥ 0.75) and beats the stage-only fallback on Brier, in both organizations (opposite patterns)', async () => {
    for (const { admin, deals } of orgs) {
      const model = await get(admin, 'win-model');
      expect(model).toMatchObject({ fallback: false, n_closed: 600, n_won: deals.filter((d) => d.closed && d.won).length, n_holdout: 120 });
      expect(model.auc).toBeGreaterThanOrEqual(0.7);
      expect(model.brier).toBeLessThan(model.fallback_brier);

      const body = await get(admin, 'win-probabilities');
      const open = deals.filter((d) => !d.closed);
      const byId = new Map<string, WinProbabilityDto>(body.deals.map((p: WinProbabilityDto) => [p.deal_id, p]));
      expect([...byId.keys()].sort()).toEqual(open.map((d) => d.id).sort());
      const scores = open.map((d) => (byId.get(d.id) as WinProbabilityDto).probability);
      const won = open.map((d) => d.won);
      expect(pairAuc(scores, won)).toBeGreaterThanOrEqual(0.75);

      const rates = stageRatesOf(await closedStages(admin.organizationId), deals);
      const fallback = open.map((d) => rates[d.stage]);
      expect(brier(scores, won)).toBeLessThan(brier(fallback, won));
      for (const p of byId.values()) {
        expect(p.source).toBe('model');
        expect(p.factors.length).toBeGreaterThan(0);
        expect(p.factors.length).toBeLessThanOrEqual(3);
      }
    }
  });

  it('weights the pipeline with the probabilities (Σ value × probability per currency)', async () => {
    const { admin, deals } = orgs[0];
    const body = await get(admin, 'win-probabilities');
    const p = new Map<string, number>(body.deals.map((x: WinProbabilityDto) => [x.deal_id, x.probability]));
    for (const currency of ['EUR', 'USD']) {
      const open = deals.filter((d) => !d.closed && d.currency === currency);
      const value = open.reduce((s, d) => s + Math.round(d.value * 100), 0);
      const weighted = open.reduce((s, d) => s + d.value * 100 * (p.get(d.id) as number), 0);
      expect(body.weighted.find((w: { currency: string }) => w.currency === currency)).toEqual({ currency, value: (value / 100).toFixed(2), weighted_value: (Math.round(weighted) / 100).toFixed(2) });
    }
  });

  it('answers one deal as on the board; a closed deal is its outcome; another organization’s deal is a 404', async () => {
    const [{ admin, deals }, other] = orgs;
    const board = await get(admin, 'win-probabilities');
    const open = deals.find((d) => !d.closed) as SyntheticDeal;
    const one = await get(admin, `deals/${open.id}/win-probability`);
    const onBoard = board.deals.find((x: WinProbabilityDto) => x.deal_id === open.id);
    // A moment later: days in stage and since the last entry have grown by milliseconds.
    expect(one).toEqual({ ...onBoard, probability: expect.any(Number) });
    expect(one.probability).toBeCloseTo(onBoard.probability, 5);
    const won = deals.find((d) => d.closed && d.won) as SyntheticDeal;
    expect(await get(admin, `deals/${won.id}/win-probability`)).toEqual({ deal_id: won.id, stage: 'won', probability: 1, source: 'outcome', factors: [] });
    await http().get(`/api/v1/insights/deals/${other.deals[0].id}/win-probability`).set('Authorization', `Bearer ${admin.accessToken}`).expect(404);
  });

  it('reads closed deals as of their close: no time entry, activity or stage from the close on', async () => {
    // The generator gives every won deal 30 hours of delivery after its close.
    const [{ admin, deals }] = orgs;
    const won = deals.filter((d) => d.closed && d.won).slice(0, 20);
    for (const deal of won) {
      const [facts] = await app.get(InsightsRepository).dealFacts(admin.organizationId, true, new Date(), { dealId: deal.id });
      const [raw] = await db.query(
        `SELECT sum(e.duration_seconds) FILTER (WHERE e.start_time < d.closed_at)::float8 / 3600 AS before, sum(e.duration_seconds)::float8 / 3600 AS total,
                (SELECT h.to_stage FROM deal_stage_history h WHERE h.organization_id = d.organization_id AND h.deal_id = d.id AND h.entered_at < d.closed_at ORDER BY h.entered_at DESC LIMIT 1) AS stage
           FROM deals d JOIN time_entries e ON e.organization_id = d.organization_id AND e.deal_id = d.id
          WHERE d.organization_id = $1 AND d.id = $2 GROUP BY d.organization_id, d.id, d.closed_at`,
        [admin.organizationId, deal.id],
      );
      expect(raw.total - raw.before).toBeCloseTo(30, 6);
      expect(facts.hours).toBeCloseTo(raw.before, 9);
      expect(facts.stage).toBe(raw.stage);
      expect(facts.outcome).toBe(1);
    }
  });

  it(`falls back to the stage win rates below ${WIN_MODEL_MIN_CLOSED} closed deals, and says so`, async () => {
    const admin = await signup(app, 'Insights small');
    const deals = await generateDeals(db, admin.organizationId, { closed: WIN_MODEL_MIN_CLOSED - 1, open: 10, seed: 7 });
    await app.get(WinModelService).train(admin.organizationId);
    const body = await get(admin, 'win-probabilities');
    expect(body.model).toMatchObject({ fallback: true, n_closed: WIN_MODEL_MIN_CLOSED - 1, auc: null, brier: null });
    expect(body.model.note).toContain(`needs ${WIN_MODEL_MIN_CLOSED}`);
    const rates = stageRatesOf(await closedStages(admin.organizationId), deals);
    for (const d of deals.filter((x) => !x.closed)) {
      const p = body.deals.find((x: WinProbabilityDto) => x.deal_id === d.id);
      expect(p.source).toBe('stage_rate');
      expect(p.probability).toBeCloseTo(rates[d.stage], 12);
    }
  });

  it('queues a training on demand (audited) for admins and managers only', async () => {
    const { admin } = orgs[0];
    const queue = app.get<Queue>(getQueueToken(QUEUES.insights));
    await http().post('/api/v1/insights/win-model/train').set('Authorization', `Bearer ${admin.accessToken}`).send({}).expect(202, { queued: true });
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.some((j) => j.name === INSIGHTS_TRAIN_JOB && j.data.organizationId === admin.organizationId)).toBe(true);
    await http().post('/api/v1/insights/win-model/train').set('Authorization', `Bearer ${admin.accessToken}`).send({ now: true }).expect(400);
    const sales = await userWithRole(app, admin.accessToken, 'sales');
    await http().get('/api/v1/insights/win-probabilities').set('Authorization', `Bearer ${sales.token}`).expect(403);
  });
});
