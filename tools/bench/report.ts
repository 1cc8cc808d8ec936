// The table the bench prints and the bench/results.json it writes. Targets are judged only at
// full scale (smaller scales are smoke tests), except rows `judgedAtEveryScale` (the list
// targets); a correctness problem (figures that differ, lost deliveries, rows not stored) fails
// at every scale.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import type { BenchArgs, ScenarioId } from './args';
import type { ResultRow, Target } from './scenario';
import type { SeedInfo } from './seed';
import type { ServerReads } from './server-reads';

export interface ScenarioOutcome {
  id: ScenarioId;
  title: string;
  status: 'measured' | 'skipped' | 'failed';
  reason?: string;
  seconds: number;
  rows: ResultRow[];
  /** Peak RSS (VmHWM, MB) of the largest api and worker process when the scenario ended: which scenario raised the run's peak. */
  peak_rss_mb?: { api: number; worker: number };
  /** With --replica: the rows each server read during the scenario. */
  reads?: ServerReads;
}

export function judge(row: ResultRow, fullScale: boolean): boolean | null {
  if (row.pass === false) return false;
  if (row.skipped || !(fullScale || row.judgedAtEveryScale) || row.targets.length === 0) return null;
  return row.targets.every((t) => {
    const value = t.of === 'ratio' ? row.ratio : row.measured;
    return value !== null && (t.kind === 'min' ? value >= t.value : value <= t.value);
  });
}

function targetText(row: ResultRow): string {
  const one = (t: Target) => {
    const sign = t.kind === 'min' ? '>=' : '<=';
    if (t.of === 'measured') return `${sign} ${t.value.toLocaleString('en-US')} ${row.unit}`;
    return row.ratioKind === 'baseline/measured' ? `${sign} ${t.value}x faster` : `ratio ${sign} ${t.value}`;
  };
  return row.targets.map(one).join(', ') || '-';
}

const num = (n: number | null, unit = '') => (n === null ? '-' : `${n.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`);

export function tableOf(outcomes: ScenarioOutcome[], fullScale: boolean): string {
  const header = ['Scenario', 'Measurement', 'Target', 'Measured', 'Baseline', 'Ratio', 'Result'];
  const lines = outcomes.flatMap((o) =>
    o.rows.map((r) => {
      const verdict = judge(r, fullScale);
      const result = r.skipped ?? (verdict === true ? 'pass' : verdict === false ? 'FAIL' : fullScale || r.targets.length === 0 ? '-' : 'smoke (no threshold)');
      const ratio = r.ratio === null ? '-' : r.ratioKind === 'baseline/measured' ? `${r.ratio}x faster` : String(r.ratio);
      const baseline = r.baseline === null ? '-' : `${num(r.baseline, r.unit)} (${r.baselineLabel})`;
      return [o.id, r.metric, targetText(r), num(r.measured, r.unit), baseline, ratio, result];
    }),
  );
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [header, header.map(() => '---'), ...lines].map((cols) => `| ${cols.map(cell).join(' | ')} |`).join('\n');
}

function versionOf(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

export async function machine(pool: Pool, loadAtStart: number[]): Promise<Record<string, unknown>> {
  const { rows } = await pool.query<{ version: string }>('SELECT version()');
  return {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 1024 ** 3),
    load_average_at_start: loadAtStart.map((n) => Math.round(n * 100) / 100),
    load_average_at_end: os.loadavg().map((n) => Math.round(n * 100) / 100),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: rows[0].version.split(' on ')[0],
    redis: versionOf('redis-server', ['--version']),
  };
}

export function writeResults(args: BenchArgs, startedAt: Date, seed: SeedInfo | undefined, host: Record<string, unknown>, outcomes: ScenarioOutcome[], topology = ''): Record<string, unknown> {
  const full = args.scale.name === 'full';
  const results = {
    started_at: startedAt.toISOString(),
    duration_seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    scale: args.scale.name,
    thresholds_judged: full,
    scale_spec: args.scale,
    api_replicas: args.apiReplicas,
    workers: args.workers,
    pgbouncer: args.pgbouncer,
    replica: args.replica,
    topology,
    machine: host,
    seed: seed && { rows: seed.rows, seconds: Math.round(seed.seconds * 10) / 10, rollup_seconds: Math.round(seed.rollupSeconds * 10) / 10, method: seed.method },
    scenarios: outcomes.map((o) => ({ ...o, rows: o.rows.map((r) => ({ ...r, pass: judge(r, full) })) })),
    table: tableOf(outcomes, full),
  };
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
