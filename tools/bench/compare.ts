// `npm run bench -- --compare a.json b.json`: two results files of the bench side by side, one
// markdown row per measurement (matched by scenario and measurement name): each run's figure and
// its ratio to the baseline measured in that run, then the second figure over the first.
import { readFileSync } from 'node:fs';
import type { ResultRow } from './scenario';
import type { ServerReads } from './server-reads';
import { readsTable } from './server-reads';

export interface ResultsFile {
  started_at: string;
  scale: string;
  api_replicas: number;
  workers: number;
  pgbouncer?: boolean;
  replica?: boolean;
  machine?: { load_average_at_start?: number[] };
  seed?: { rows: Record<string, number> };
  scale_spec?: { retentionRows?: number };
  scenarios: Array<{ id: string; reads?: ServerReads; rows: ResultRow[] }>;
}

/** A short name of the run's topology, for a column header. */
export function runLabel(r: ResultsFile): string {
  const parts = [r.pgbouncer && 'PgBouncer', r.replica && 'replica'].filter(Boolean);
  return `${parts.length ? parts.join(' + ') : 'plain'}, ${r.api_replicas} api, ${r.workers} worker${r.workers === 1 ? '' : 's'}`;
}

const num = (n: number | null | undefined, unit = '') => (n === null || n === undefined ? '-' : `${n.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`);

function ratioText(row: ResultRow | undefined): string {
  if (!row || row.ratio === null) return '-';
  return row.ratioKind === 'baseline/measured' ? `${row.ratio}x faster` : String(row.ratio);
}

function figure(row: ResultRow | undefined): string {
  if (!row) return '(no such row)';
  return row.skipped ?? num(row.measured, row.unit);
}

/** second.measured / first.measured, two decimals; '-' when either is missing or the first is 0. */
export function changeOf(first: ResultRow | undefined, second: ResultRow | undefined): string {
  if (!first || !second || first.measured === null || second.measured === null || first.measured === 0) return '-';
  return `${Math.round((second.measured / first.measured) * 100) / 100}`;
}

export function compareTable(a: ResultsFile, b: ResultsFile): string {
  const key = (scenario: string, metric: string) => `${scenario}\u0000${metric}`;
  const rowsOf = (r: ResultsFile) => new Map(r.scenarios.flatMap((s) => s.rows.map((row) => [key(s.id, row.metric), row] as const)));
  const [first, second] = [rowsOf(a), rowsOf(b)];
  const keys = [...first.keys(), ...[...second.keys()].filter((k) => !first.has(k))];
  const [la, lb] = [runLabel(a), runLabel(b)];
  const header = ['Scenario', 'Measurement', la, 'ratio to baseline', lb, 'ratio to baseline', 'second / first'];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = keys.map((k) => {
    const [scenario, metric] = k.split('\u0000');
    const [x, y] = [first.get(k), second.get(k)];
    return [scenario, metric, figure(x), ratioText(x), figure(y), ratioText(y), changeOf(x, y)];
  });
  return [header, header.map(() => '---'), ...lines].map((cols) => `| ${cols.map(cell).join(' | ')} |`).join('\n');
}

export function compareResults(fileA: string, fileB: string): string {
  const [a, b] = [fileA, fileB].map((f) => JSON.parse(readFileSync(f, 'utf8')) as ResultsFile);
  const when = (r: ResultsFile) => `${runLabel(r)}: ${r.started_at}, scale ${r.scale}, load at start ${r.machine?.load_average_at_start?.join(' ') ?? '?'}`;
  const reads = [a, b].filter((r) => r.scenarios.some((s) => s.reads)).map((r) => `\n\nReads by server, ${runLabel(r)}:\n${readsTable(r.scenarios)}`);
  return `${when(a)}\n${when(b)}\n\n${compareTable(a, b)}${reads.join('')}`;
}
