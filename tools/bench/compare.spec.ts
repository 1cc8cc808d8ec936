// `--compare`: the rows of two runs side by side, matched by name, each with its own baseline ratio.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareResults, compareTable, ResultsFile } from './compare';
import type { ResultRow } from './scenario';
import { readsBetween } from './server-reads';

const row = (metric: string, measured: number | null, baseline: number | null, extra: Partial<ResultRow> = {}): ResultRow => ({
  scenario: 'reports', metric, unit: 'ms', measured, baseline, baselineLabel: 'raw SQL',
  ratio: measured !== null && baseline ? Math.round((measured / baseline) * 100) / 100 : null, ratioKind: 'measured/baseline', targets: [], pass: null, ...extra,
});

const plain: ResultsFile = {
  started_at: '2026-12-07T01:00:00.000Z', scale: 'small', api_replicas: 1, workers: 1, machine: { load_average_at_start: [1.5, 1, 0.5] },
  scenarios: [{ id: 'reports', rows: [row('pipeline p95', 120, 40), row('profitability p95', 80, 20)] }],
};
const scaled: ResultsFile = {
  started_at: '2026-12-07T01:10:00.000Z', scale: 'small', api_replicas: 2, workers: 2, pgbouncer: true, replica: true,
  scenarios: [{
    id: 'reports',
    reads: readsBetween({ primary: { transactions: 10, rowsRead: 1000 }, replica: { transactions: 5, rowsRead: 0 } }, { primary: { transactions: 30, rowsRead: 1250 }, replica: { transactions: 45, rowsRead: 750 } }),
    rows: [row('pipeline p95', 300, 60), row('profitability p95', null, null, { skipped: 'skipped: endpoint not available (404)' }), row('time-per-deal p95', 10, 5)],
  }],
};

const cells = (table: string, metric: string) => table.split('\n').find((l) => l.includes(`| ${metric} |`))?.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, ''));

it('puts each measurement of both runs on one line, with its ratio to its own baseline and the change', () => {
  const table = compareTable(plain, scaled);
  expect(table.split('\n')[0]).toBe('| Scenario | Measurement | plain, 1 api, 1 worker | ratio to baseline | PgBouncer + replica, 2 api, 2 workers | ratio to baseline | second / first |');
  // 120 ms against 40 ms raw, 300 ms against 60 ms raw; 300 / 120
  expect(cells(table, 'pipeline p95')).toEqual(['reports', 'pipeline p95', '120 ms', String(120 / 40), '300 ms', String(300 / 60), String(300 / 120)]);
});

it('shows why a row has no figure, and a row only one run has', () => {
  const table = compareTable(plain, scaled);
  expect(cells(table, 'profitability p95')).toEqual(['reports', 'profitability p95', '80 ms', String(80 / 20), 'skipped: endpoint not available (404)', '-', '-']);
  expect(cells(table, 'time-per-deal p95')).toEqual(['reports', 'time-per-deal p95', '(no such row)', '-', '10 ms', String(10 / 5), '-']);
});

it('reads two results files and adds where the replica run read', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
  try {
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(plain));
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(scaled));
    const out = compareResults(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
    expect(out).toContain('plain, 1 api, 1 worker: 2026-12-07T01:00:00.000Z, scale small, load at start 1.5 1 0.5');
    // the replica read 750 rows and the primary 250 in the scenario: 750 / 1000 = 75%
    expect(out).toContain(`| reports | 750 | 250 | ${(750 / (750 + 250)) * 100}% | 40 | 20 |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
