// `npm run bench -- --growth small.json medium.json full.json`: the cost-growth table of results
// files of one topology at growing scales. One markdown row per measurement found in every file:
// its figure at each scale, and its growth exponent against the data it reads — k in
// figure ∝ data^k between the smallest and the largest run (0: does not grow with the data, 1: grows
// in proportion, negative: falls as the data grows) — with the data named.
import { readFileSync } from 'node:fs';
import type { ResultsFile } from './compare';
import type { ResultRow } from './scenario';

/** The data a measurement reads, whose growth it is judged against: a seeded table, or the retention scenario's old rows. */
export function drivenBy(scenario: string, metric: string): string {
  if (scenario === 'retention') return 'retention rows';
  if (scenario === 'lists' && /contacts/.test(metric)) return 'contacts';
  if (scenario === 'lists' && /deals/.test(metric)) return 'deals';
  if (scenario === 'lists' && /users\/me/.test(metric)) return 'users';
  return 'time_entries';
}

/** k in y ∝ x^k from two points; null where a figure is missing, not positive, or the data did not grow. */
export function growthExponent(y0: number | null, y1: number | null, x0: number, x1: number): number | null {
  if (y0 === null || y1 === null || y0 <= 0 || y1 <= 0 || x1 <= x0) return null;
  return Math.round((Math.log(y1 / y0) / Math.log(x1 / x0)) * 100) / 100;
}

/**
 * A row's name with its figures taken out ("5,000/request, 4 concurrent", "depth 950", "30 s"),
 * numbered by its place among the rows of that name: the same measurement at every scale.
 */
export function rowKeys(rows: Array<{ scenario: string; metric: string }>): string[] {
  const seen = new Map<string, number>();
  return rows.map(({ scenario, metric }) => {
    const name = `${scenario}\u0000${metric.replace(/\d[\d,.]*/g, '#')}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return `${name}\u0000${n}`;
  });
}

const dataOf = (r: ResultsFile, driver: string) => (driver === 'retention rows' ? r.scale_spec?.retentionRows : r.seed?.rows[driver]) ?? 0;

const num = (n: number | null | undefined) => (n === null || n === undefined ? '-' : n.toLocaleString('en-US'));

export function growthTable(files: ResultsFile[]): string {
  const runs = [...files].sort((a, b) => (a.seed?.rows.time_entries ?? 0) - (b.seed?.rows.time_entries ?? 0));
  const rowsOf = (r: ResultsFile) => {
    const rows = r.scenarios.flatMap((s) => s.rows.filter((row) => !row.skipped).map((row) => ({ scenario: s.id, metric: row.metric, row })));
    const keys = rowKeys(rows);
    return new Map(rows.map((x, i) => [keys[i], x] as const));
  };
  const maps = runs.map(rowsOf);
  const largest = maps[maps.length - 1];
  const keys = [...largest.keys()].filter((k) => maps.every((m) => m.has(k)));
  const size = (r: ResultsFile) => `${r.scale} (${num(r.seed?.rows.time_entries)} entries, ${num(r.seed?.rows.contacts)} contacts)`;
  const header = ['Scenario', 'Measurement (as named at the largest scale)', 'Unit', ...runs.map(size), 'grows with', 'k (figure ∝ data^k)'];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = keys.map((k) => {
    const { scenario, metric, row } = largest.get(k) as { scenario: string; metric: string; row: ResultRow };
    const figures = maps.map((m) => (m.get(k) as { row: ResultRow }).row.measured);
    const driver = drivenBy(scenario, metric);
    const [first, last] = [runs[0], runs[runs.length - 1]];
    const k0 = growthExponent(figures[0], figures[figures.length - 1], dataOf(first, driver), dataOf(last, driver));
    return [scenario, metric, row.unit, ...figures.map(num), driver, k0 === null ? '-' : String(k0)];
  });
  return [header, header.map(() => '---'), ...lines].map((cols) => `| ${cols.map(cell).join(' | ')} |`).join('\n');
}

export function growthOf(paths: string[]): string {
  const files = paths.map((f) => JSON.parse(readFileSync(f, 'utf8')) as ResultsFile);
  const when = files.map((r) => `${r.scale}: ${r.started_at}, load at start ${r.machine?.load_average_at_start?.join(' ') ?? '?'}`);
  return `${when.join('\n')}\n\n${growthTable(files)}`;
}
