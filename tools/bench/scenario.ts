// What a scenario is given, what it returns, and the small statistics they share.
import type { Pool } from 'pg';
import type { ApiClient } from './api-client';
import type { Scale, ScenarioId } from './args';
import type { SeedInfo } from './seed';
import type { Stack } from './stack';

export interface BenchContext {
  scale: Scale;
  api: ApiClient;
  pool: Pool;
  seed: SeedInfo;
  stack: Stack;
  /** The reports the reports scenario measures (`--reports`; all when empty). */
  reports?: string[];
  log(message: string): void;
}

/** A target: the measured figure must be at least (`min`) or at most (`max`) the limit. */
export interface Target {
  kind: 'min' | 'max';
  value: number;
  /** What the target compares: the measured figure or the measured/baseline ratio. */
  of: 'measured' | 'ratio';
}

/** One line of the table. */
export interface ResultRow {
  scenario: ScenarioId;
  metric: string;
  unit: string;
  measured: number | null;
  baseline: number | null;
  baselineLabel: string | null;
  /** measured / baseline, or baseline / measured (how many times faster) where ratioKind says so. */
  ratio: number | null;
  ratioKind?: 'measured/baseline' | 'baseline/measured';
  targets: Target[];
  /** true/false at full scale; null where no target applies or below full scale. */
  pass: boolean | null;
  /** The targets are judged at every scale, not only at full (the list targets). */
  judgedAtEveryScale?: boolean;
  /** Set when the row could not be measured. */
  skipped?: string;
  note?: string;
  /** A latency row measured at a fixed arrival rate (open loop): what was offered, and both sides' p50 (the row holds the p99). */
  offered?: OfferedLoad;
}

/** One point of latency against offered load: the measured side and its limit at the same arrival rate. */
export interface OfferedLoad {
  /** Requests per second offered to both sides. */
  rate: number;
  /** The share of the POST's own closed-loop rate this is, or of the limit's for the half-limit point. */
  share: number;
  of: 'closed-loop rate' | 'limit rate';
  /** Answered per second, measured side and limit. */
  achieved: number;
  baselineAchieved: number;
  p50: number;
  baselineP50: number;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  run(ctx: BenchContext): Promise<ResultRow[]>;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Milliseconds a piece of work takes. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs `work` on `items` with at most `concurrency` at a time. */
export async function pooled<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** A deterministic pseudo-random generator (mulberry32), so runs pick comparable ranges. */
export { prng as randomSource } from '@clockwork/testing-support';

/** A row for a scenario that could not run (an endpoint missing, or a failure). */
export function skippedRow(scenario: ScenarioId, metric: string, reason: string): ResultRow {
  return { scenario, metric, unit: '', measured: null, baseline: null, baselineLabel: null, ratio: null, targets: [], pass: null, skipped: reason };
}
