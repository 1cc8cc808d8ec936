// The cost-growth table: a column per scale (ordered by the entries seeded), the rows every run
// has, and k in figure ∝ data^k against the table the measurement reads.
import type { ResultsFile } from './compare';
import { drivenBy, growthExponent, growthTable, rowKeys } from './growth';
import type { ResultRow } from './scenario';

const row = (scenario: string, metric: string, measured: number | null): ResultRow => ({
  scenario: scenario as ResultRow['scenario'], metric, unit: 'ms', measured, baseline: 1, baselineLabel: 'b', ratio: 1, targets: [], pass: null,
});
const run = (scale: string, entries: number, contacts: number, report: number, list: number, extra: ResultRow[] = []): ResultsFile => ({
  started_at: `2026-12-07T0${entries % 9}:00:00Z`, scale, api_replicas: 1, workers: 1,
  seed: { rows: { time_entries: entries, contacts } },
  scenarios: [
    { id: 'reports', rows: [row('reports', 'GET /reports/x p95', report), ...extra] },
    { id: 'lists', rows: [row('lists', 'GET /api/v1/contacts depth 1 p95', list)] },
  ],
});

it('computes k from the smallest and largest runs', () => {
  // y = x: k 1; y constant: k 0; y = sqrt(x): k 0.5
  expect(growthExponent(10, 10_000, 1_000, 1_000_000)).toBe(1);
  expect(growthExponent(7, 7, 1_000, 1_000_000)).toBe(0);
  expect(growthExponent(2, 20, 100, 10_000)).toBe(0.5);
  expect(growthExponent(null, 3, 1, 10)).toBeNull();
  expect(growthExponent(3, 3, 10, 10)).toBeNull();
});

it('names what a measurement grows with', () => {
  expect(drivenBy('lists', 'GET /api/v1/contacts two cf.<key> filters p95')).toBe('contacts');
  expect(drivenBy('lists', 'GET /api/v1/deals depth 1 p95')).toBe('deals');
  expect(drivenBy('reports', 'GET /reports/time-per-deal p95 (random ranges)')).toBe('time_entries');
  expect(drivenBy('retention', 'time_entries delete, 1,000,000 old rows')).toBe('retention rows');
});

it('matches a measurement across scales whatever figures its name holds, rows of one name by their place', () => {
  const small = rowKeys([
    { scenario: 'ingest-batch', metric: 'POST /time-entries/batch (5,000/request, 2 concurrent)' },
    { scenario: 'lists', metric: 'GET /api/v1/deals depth 1 p95' },
    { scenario: 'lists', metric: 'GET /api/v1/deals depth 50 p95' },
  ]);
  const full = rowKeys([
    { scenario: 'ingest-batch', metric: 'POST /time-entries/batch (5,000/request, 4 concurrent)' },
    { scenario: 'lists', metric: 'GET /api/v1/deals depth 1 p95' },
    { scenario: 'lists', metric: 'GET /api/v1/deals depth 950 p95' },
  ]);
  expect(full).toEqual(small);
  expect(new Set(full).size).toBe(3);
});

it('lays out the runs by size whatever the order given, with the rows all of them have', () => {
  const table = growthTable([
    run('full', 10_000_000, 1_000_000, 30, 7),
    run('small', 25_000, 11_000, 3, 7, [row('reports', 'only in small', 1)]),
    run('medium', 1_000_000, 100_000, 10, 7),
  ]);
  const lines = table.split('\n');
  expect(lines[0]).toMatch(/\| small \(25,000 entries, 11,000 contacts\) \| medium .* \| full \(10,000,000 entries, 1,000,000 contacts\) \| grows with \|/);
  expect(lines).toHaveLength(4); // header, rule, the two rows every run has
  // 3 → 30 ms over 25,000 → 10M entries: k = ln 10 / ln 400
  expect(lines[2]).toContain(`| 3 | 10 | 30 | time_entries | ${Math.round((Math.log(10) / Math.log(400)) * 100) / 100} |`);
  expect(lines[3]).toContain('| 7 | 7 | 7 | contacts | 0 |');
  expect(table).not.toContain('only in small');
});
