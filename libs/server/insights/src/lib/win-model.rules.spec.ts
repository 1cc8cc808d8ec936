import { DealStage, WIN_MODEL_MIN_CLOSED } from '@clockwork/shared-dto';
// The seeded generator (mulberry32), so the synthetic organizations are the same on every run.
import { prng } from '@clockwork/testing-support';
import { auc, brier } from './model-metrics.rules';
import { DealFacts, scoreDeal, stageRateOf, trainWinModel, WIN_FEATURES } from './win-model.rules';

const STAGES: DealStage[] = ['prospecting', 'qualification', 'proposal', 'negotiation'];

/**
 * Deals whose outcome is drawn from effort and recency with noise: recent hours raise the
 * odds, days since the last entry lower them (`sign` -1 flips the pattern).
 */
function generate(n: number, seed: number, sign = 1): DealFacts[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const recent = rand() * 30;
    const since = rand() * 40;
    const stage = STAGES[Math.floor(rand() * 4)];
    const logit = sign * (0.12 * recent - 0.08 * since + 0.3) + 0.2 * STAGES.indexOf(stage) - 0.3;
    const won = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    return {
      deal_id: `d-${String(i).padStart(6, '0')}`,
      stage,
      outcome: won,
      currency: 'USD',
      value: 1000 + rand() * 9000,
      days_in_stage: rand() * 30,
      deal_age_days: 40 + rand() * 60,
      hours: recent + rand() * 40,
      hours_last_14d: recent,
      hours_prev_14d: rand() * 20,
      people: 1 + Math.floor(rand() * 4),
      days_since_entry: since,
      days_since_activity: rand() * 30,
      open_tasks: Math.floor(rand() * 5),
      overdue_tasks: Math.floor(rand() * 2),
      account_won_before: Math.floor(rand() * 3),
      account_lost_before: Math.floor(rand() * 3),
    };
  });
}

describe('trainWinModel', () => {
  const closed = generate(1500, 1);
  const open = generate(500, 2);
  const model = trainWinModel(closed);
  const outcomes = open.map((f) => f.outcome as number);
  const probabilities = open.map((f) => scoreDeal(model, f).probability);

  it('ranks unseen deals whose outcome the generator knows (AUC ≥ 0.75) and beats the stage rates on Brier', () => {
    expect(model.fallback).toBe(false);
    expect(auc(probabilities, outcomes)).toBeGreaterThanOrEqual(0.75);
    const stageOnly = open.map((f) => stageRateOf(model.stage_rates, f.stage));
    expect(brier(probabilities, outcomes) as number).toBeLessThan(brier(stageOnly, outcomes) as number);
    expect(model.auc).toBeGreaterThanOrEqual(0.75);
    expect(model.brier as number).toBeLessThan(model.fallback_brier as number);
    expect(model.n_holdout).toBe(300);
  });

  it('gives higher probabilities to won-looking deals (the two-class path is the right way round)', () => {
    const base = open[0];
    const busy = scoreDeal(model, { ...base, hours_last_14d: 30, days_since_entry: 0 }).probability;
    const idle = scoreDeal(model, { ...base, hours_last_14d: 0, days_since_entry: 40 }).probability;
    expect(busy).toBeGreaterThan(idle);
    const w = (name: string) => model.weights[1 + WIN_FEATURES.findIndex((f) => f.name === name)];
    expect(w('hours_last_14d')).toBeGreaterThan(0);
    expect(w('days_since_entry')).toBeLessThan(0);
  });

  it('names the top factors, largest effect first', () => {
    const { factors, source } = scoreDeal(model, open[1]);
    expect(source).toBe('model');
    expect(factors.length).toBeLessThanOrEqual(3);
    const sizes = factors.map((f) => Math.abs(f.effect));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it('learns each organization its own pattern (opposite organizations, opposite weights)', () => {
    const other = trainWinModel(generate(1500, 3, -1));
    const w = (m: typeof model, name: string) => m.weights[1 + WIN_FEATURES.findIndex((f) => f.name === name)];
    expect(Math.sign(w(other, 'hours_last_14d'))).toBe(-Math.sign(w(model, 'hours_last_14d')));
  });

  it(`falls back to the stage rates below ${WIN_MODEL_MIN_CLOSED} closed deals or with one outcome`, () => {
    const few = trainWinModel(closed.slice(0, WIN_MODEL_MIN_CLOSED - 1));
    expect(few.fallback).toBe(true);
    const score = scoreDeal(few, { ...open[0], stage: 'proposal' });
    expect(score).toEqual({ probability: few.stage_rates.proposal, source: 'stage_rate', factors: [] });
    // (won + 2 × 0.5) / (n + 2) over the closed deals that left proposal
    const left = closed.slice(0, WIN_MODEL_MIN_CLOSED - 1).filter((f) => f.stage === 'proposal');
    expect(few.stage_rates.proposal).toBeCloseTo((left.filter((f) => f.outcome === 1).length + 1) / (left.length + 2), 12);
    expect(trainWinModel(closed.filter((f) => f.outcome === 1)).fallback).toBe(true);
  });
});
