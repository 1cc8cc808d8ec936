import { DealStage, STAGE_PROBABILITIES, WIN_MODEL_MIN_CLOSED } from '@clockwork/shared-dto';
import { Matrix } from 'ml-matrix';
import { auc, brier } from './model-metrics.rules';

/**
 * The win-probability model: a logistic regression (mljs `ml-logistic-regression`, batch
 * gradient descent) on standardised features of a deal, trained per organization on its own
 * closed deals. The library has no intercept (a constant 1 column is added) and no
 * regularisation (the features are standardised; the means and standard deviations are stored
 * with the weights and applied again when scoring). Below WIN_MODEL_MIN_CLOSED closed deals, or
 * with one outcome only, the stage win rates are the fallback.
 */

// The library ships no types: the slice of its API used here.
interface TwoClassClassifier {
  weights: Matrix;
  testScores(features: Matrix): number[];
}
interface TwoClassTrainer extends TwoClassClassifier {
  train(features: Matrix, target: Matrix): void;
}
type TwoClassConstructor = new (options: { numSteps: number; learningRate: number }) => TwoClassTrainer;
interface LogisticRegressionStatic {
  load(model: { name: 'LogisticRegression'; numberClasses: number; classifiers: object[] }): { classifiers: TwoClassClassifier[] };
}
const LogisticRegression = require('ml-logistic-regression') as LogisticRegressionStatic;
/**
 * The library's two-class classifier, which its one-vs-all wrapper does not export: the class of
 * a loaded wrapper's classifier. Used directly, its target is 1 for won and its score is P(won);
 * the wrapper would label "not class i" as 1 and train a second, mirrored classifier for nothing.
 */
const TwoClassLogisticRegression = LogisticRegression.load({ name: 'LogisticRegression', numberClasses: 1, classifiers: [{ numSteps: 1, learningRate: 1, weights: [[0]] }] }).classifiers[0]
  .constructor as TwoClassConstructor;

/** A deal's facts as of a moment (the close for closed deals, now for open ones), as the feature query reads them. */
export interface DealFacts {
  deal_id: string;
  /** The last open stage before the moment. */
  stage: DealStage;
  /** 1 won, 0 lost, null open. */
  outcome: number | null;
  currency: string;
  value: number;
  days_in_stage: number;
  deal_age_days: number;
  hours: number;
  hours_last_14d: number;
  hours_prev_14d: number;
  people: number;
  /** null: no time entry before the moment. */
  days_since_entry: number | null;
  /** null: no activity before the moment. */
  days_since_activity: number | null;
  open_tasks: number;
  overdue_tasks: number;
  account_won_before: number;
  account_lost_before: number;
}

const log1p = (x: number) => Math.log1p(Math.max(0, x));

/** Each feature: its name, the raw value shown in factors, and the value the model sees. */
export const WIN_FEATURES: { name: string; raw: (f: DealFacts) => number; x: (f: DealFacts) => number }[] = [
  { name: 'stage_qualification', raw: (f) => +(f.stage === 'qualification'), x: (f) => +(f.stage === 'qualification') },
  { name: 'stage_proposal', raw: (f) => +(f.stage === 'proposal'), x: (f) => +(f.stage === 'proposal') },
  { name: 'stage_negotiation', raw: (f) => +(f.stage === 'negotiation'), x: (f) => +(f.stage === 'negotiation') },
  { name: 'days_in_stage', raw: (f) => f.days_in_stage, x: (f) => log1p(f.days_in_stage) },
  { name: 'deal_age_days', raw: (f) => f.deal_age_days, x: (f) => log1p(f.deal_age_days) },
  { name: 'value', raw: (f) => f.value, x: (f) => log1p(f.value) },
  { name: 'hours', raw: (f) => f.hours, x: (f) => log1p(f.hours) },
  { name: 'hours_last_14d', raw: (f) => f.hours_last_14d, x: (f) => log1p(f.hours_last_14d) },
  { name: 'hours_prev_14d', raw: (f) => f.hours_prev_14d, x: (f) => log1p(f.hours_prev_14d) },
  { name: 'hours_trend', raw: (f) => f.hours_last_14d - f.hours_prev_14d, x: (f) => log1p(f.hours_last_14d) - log1p(f.hours_prev_14d) },
  { name: 'people', raw: (f) => f.people, x: (f) => log1p(f.people) },
  // Never: as long ago as the deal is old.
  { name: 'days_since_entry', raw: (f) => f.days_since_entry ?? f.deal_age_days, x: (f) => log1p(f.days_since_entry ?? f.deal_age_days) },
  { name: 'days_since_activity', raw: (f) => f.days_since_activity ?? f.deal_age_days, x: (f) => log1p(f.days_since_activity ?? f.deal_age_days) },
  { name: 'open_tasks', raw: (f) => f.open_tasks, x: (f) => log1p(f.open_tasks) },
  { name: 'overdue_tasks', raw: (f) => f.overdue_tasks, x: (f) => log1p(f.overdue_tasks) },
  { name: 'account_won_before', raw: (f) => f.account_won_before, x: (f) => log1p(f.account_won_before) },
  { name: 'account_lost_before', raw: (f) => f.account_lost_before, x: (f) => log1p(f.account_lost_before) },
];
export const WIN_FEATURE_NAMES = WIN_FEATURES.map((f) => f.name);

/** Gradient descent: steps, and the step on the mean gradient (the library sums the gradient over the rows, so its rate is this / rows). */
export const TRAINING = { steps: 200, meanStep: 1 } as const;
/** Every HOLDOUT_EVERY-th closed deal (by id) is held out to measure the model. */
export const HOLDOUT_EVERY = 5;
const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;

/** The win rate of each open stage among the closed deals that left it, shrunk towards the pipeline's stage weight (2 pseudo-deals). */
export type StageRates = Partial<Record<DealStage, number>>;

export function stageRates(closed: readonly DealFacts[]): StageRates {
  const rates: StageRates = {};
  for (const stage of OPEN_STAGES) {
    const of = closed.filter((f) => f.stage === stage);
    const won = of.filter((f) => f.outcome === 1).length;
    rates[stage] = (won + 2 * STAGE_PROBABILITIES[stage]) / (of.length + 2);
  }
  return rates;
}

/** A stage of another pipeline than the default has no default-pipeline rate: an even chance until there is history. */
export const stageRateOf = (rates: StageRates, stage: DealStage): number => rates[stage] ?? (STAGE_PROBABILITIES as Record<string, number>)[stage] ?? 0.5;

export interface WinModel {
  fallback: boolean;
  features: string[];
  /** Intercept first, then one per feature (standardised scale). */
  weights: number[];
  means: number[];
  stds: number[];
  stage_rates: StageRates;
  n_closed: number;
  n_won: number;
  n_holdout: number;
  auc: number | null;
  brier: number | null;
  fallback_brier: number | null;
}

const featureMatrix = (facts: readonly DealFacts[]) => facts.map((f) => WIN_FEATURES.map((feature) => feature.x(f)));

function meansAndStds(rows: number[][]): { means: number[]; stds: number[] } {
  const n = rows.length;
  const means = WIN_FEATURES.map((_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  // A constant feature keeps std 1 (its standardised value is 0 everywhere).
  const stds = WIN_FEATURES.map((_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - means[j]) ** 2, 0) / n) || 1);
  return { means, stds };
}

const standardised = (row: number[], means: number[], stds: number[]) => [1, ...row.map((x, j) => (x - means[j]) / stds[j])];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Fits the weights on the given closed deals (target 1: won). */
function fit(train: readonly DealFacts[]): { weights: number[]; means: number[]; stds: number[] } {
  const raw = featureMatrix(train);
  const { means, stds } = meansAndStds(raw);
  const X = new Matrix(raw.map((r) => standardised(r, means, stds)));
  const y = Matrix.columnVector(train.map((f) => (f.outcome === 1 ? 1 : 0)));
  const lr = new TwoClassLogisticRegression({ numSteps: TRAINING.steps, learningRate: TRAINING.meanStep / train.length });
  lr.train(X, y);
  return { weights: lr.weights.to1DArray(), means, stds };
}

/** Trains on the closed deals (outcome 0 or 1): every fifth by id held out to measure, the rest trains the stored model. */
export function trainWinModel(closed: readonly DealFacts[]): WinModel {
  const sorted = [...closed].sort((a, b) => (a.deal_id < b.deal_id ? -1 : a.deal_id > b.deal_id ? 1 : 0));
  const won = sorted.filter((f) => f.outcome === 1).length;
  const base = { features: WIN_FEATURE_NAMES, n_closed: sorted.length, n_won: won };
  if (sorted.length < WIN_MODEL_MIN_CLOSED || won === 0 || won === sorted.length) {
    return { ...base, fallback: true, weights: [], means: [], stds: [], stage_rates: stageRates(sorted), n_holdout: 0, auc: null, brier: null, fallback_brier: null };
  }
  const holdout = sorted.filter((_, i) => i % HOLDOUT_EVERY === HOLDOUT_EVERY - 1);
  const train = sorted.filter((_, i) => i % HOLDOUT_EVERY !== HOLDOUT_EVERY - 1);
  const trainRates = stageRates(train);
  const model: WinModel = { ...base, fallback: false, ...fit(train), stage_rates: stageRates(sorted), n_holdout: holdout.length, auc: null, brier: null, fallback_brier: null };
  const outcomes = holdout.map((f) => f.outcome as number);
  const probabilities = holdout.map((f) => scoreDeal(model, f).probability);
  return {
    ...model,
    auc: auc(probabilities, outcomes),
    brier: brier(probabilities, outcomes),
    fallback_brier: brier(
      holdout.map((f) => stageRateOf(trainRates, f.stage)),
      outcomes,
    ),
  };
}

/** The model of an organization that never trained one: its stage win rates only. */
export function stageOnlyModel(closed: readonly DealFacts[]): WinModel {
  return {
    fallback: true,
    features: WIN_FEATURE_NAMES,
    weights: [],
    means: [],
    stds: [],
    stage_rates: stageRates(closed),
    n_closed: closed.length,
    n_won: closed.filter((f) => f.outcome === 1).length,
    n_holdout: 0,
    auc: null,
    brier: null,
    fallback_brier: null,
  };
}

export interface WinScore {
  probability: number;
  source: 'model' | 'stage_rate';
  factors: { feature: string; value: number; effect: number }[];
}

/** A deal's probability of winning and the (at most 3) features that moved it most. */
export function scoreDeal(model: Pick<WinModel, 'fallback' | 'weights' | 'means' | 'stds' | 'stage_rates'>, facts: DealFacts): WinScore {
  if (model.fallback || model.weights.length !== WIN_FEATURES.length + 1) return { probability: stageRateOf(model.stage_rates, facts.stage), source: 'stage_rate', factors: [] };
  const x = standardised(
    WIN_FEATURES.map((f) => f.x(facts)),
    model.means,
    model.stds,
  );
  const effects = x.slice(1).map((v, j) => v * model.weights[j + 1]);
  const z = model.weights[0] + effects.reduce((s, e) => s + e, 0);
  const factors = WIN_FEATURES.map((f, j) => ({ feature: f.name, value: round(f.raw(facts), 2), effect: round(effects[j], 4) }))
    .filter((f) => f.effect !== 0)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.feature.localeCompare(b.feature))
    .slice(0, 3);
  return { probability: sigmoid(z), source: 'model', factors };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
