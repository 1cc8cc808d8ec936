// The command line: `--reports` narrows the reports scenario to some reports (the full-scale
// profitability row alone); `--pgbouncer` and `--replica` choose the topology; `--compare`;
// `--only lists` seeds what the lists read: the scale's contacts, no rollups, fewer time entries.
import path from 'node:path';
import { LIST_ONLY_TIME_ENTRIES, parseArgs, SCALES, seedPlan } from './args';
import { topologyLabel } from './topology';

it('takes the reports to measure, all when not given', () => {
  expect(parseArgs([]).reports).toEqual([]);
  expect(parseArgs(['--scale', 'full', '--only', 'reports', '--reports', 'profitability']).reports).toEqual(['profitability']);
  expect(parseArgs(['--reports=time-per-deal,pipeline']).reports).toEqual(['time-per-deal', 'pipeline']);
});

it('refuses a report the scenario does not know, naming it', () => {
  expect(() => parseArgs(['--reports', 'profitability,margins'])).toThrow(/--reports takes .*profitability.*; unknown: margins/);
});

it('runs plain unless --pgbouncer or --replica is given', () => {
  expect(parseArgs([])).toMatchObject({ pgbouncer: false, replica: false, apiReplicas: 1, workers: 1 });
  expect(parseArgs(['--pgbouncer', '--replica', '--api-replicas', '2', '--workers', '2'])).toMatchObject({ pgbouncer: true, replica: true, apiReplicas: 2, workers: 2 });
  expect(parseArgs(['--pgbouncer'])).toMatchObject({ pgbouncer: true, replica: false });
  expect(parseArgs(['--replica', '--only', 'reports'])).toMatchObject({ pgbouncer: false, replica: true, only: ['reports'] });
});

it('names the topology in the header', () => {
  expect(topologyLabel({ pgbouncer: false, replica: false })).toMatch(/^plain/);
  expect(topologyLabel({ pgbouncer: true, replica: false })).toMatch(/PgBouncer .*transaction mode.* in front of PostgreSQL$/);
  expect(topologyLabel({ pgbouncer: true, replica: true })).toMatch(/PgBouncer .* in front of a throw-away primary; reports and lists read from its streaming replica/);
  expect(topologyLabel({ pgbouncer: false, replica: true })).toMatch(/straight to a throw-away primary; .*replica/);
});

it('refuses --keep with --replica, whose servers are removed with the run', () => {
  expect(() => parseArgs(['--replica', '--keep'])).toThrow(/--keep cannot be combined with --replica/);
  expect(parseArgs(['--pgbouncer', '--keep']).keep).toBe(true);
});

it('takes two results files to compare', () => {
  expect(parseArgs(['--compare', 'a.json', 'b.json']).compare).toEqual([path.resolve('a.json'), path.resolve('b.json')]);
  expect(() => parseArgs(['--compare', 'a.json'])).toThrow(/--compare takes two results files/);
  expect(() => parseArgs(['--compare', 'a.json', '--pgbouncer'])).toThrow(/--compare takes two results files/);
});

it('seeds the lists alone without rollups and with at most LIST_ONLY_TIME_ENTRIES entries, and every other run whole', () => {
  const lists = seedPlan(parseArgs(['--scale', 'full', '--only', 'lists']));
  expect(lists.rollups).toBe(false);
  expect(lists.scale).toEqual({ ...SCALES.full, timeEntries: LIST_ONLY_TIME_ENTRIES });
  expect(seedPlan(parseArgs(['--only', 'lists'])).scale).toEqual(SCALES.small);
  expect(seedPlan(parseArgs(['--scale', 'full', '--only', 'lists,reports']))).toEqual({ scale: SCALES.full, rollups: true });
  expect(seedPlan(parseArgs(['--scale', 'full']))).toEqual({ scale: SCALES.full, rollups: true });
});

it('takes results files to chart or to set side by side by scale', () => {
  expect(parseArgs(['--chart', 'bench/results.json']).chart).toBe(path.resolve('bench/results.json'));
  expect(parseArgs(['--growth', 'a.json', 'b.json', 'c.json']).growth).toEqual(['a.json', 'b.json', 'c.json'].map((f) => path.resolve(f)));
  expect(() => parseArgs(['--growth', 'a.json'])).toThrow(/--growth takes two or more results files/);
  expect(() => parseArgs(['--chart', '--json'])).toThrow(/--chart takes a results file/);
});

it('seeds for the search alone what the lists alone get: no rollups, at most 1M entries', () => {
  expect(seedPlan(parseArgs(['--scale', 'full', '--only', 'search']))).toEqual({ scale: { ...SCALES.full, timeEntries: LIST_ONLY_TIME_ENTRIES }, rollups: false });
  expect(seedPlan(parseArgs(['--scale', 'full', '--only', 'lists,search'])).rollups).toBe(false);
});

it('runs each load for --load-seconds instead of the scale\'s, whatever the order of the flags', () => {
  expect(parseArgs(['--scale', 'small']).scale.loadSeconds).toBe(SCALES.small.loadSeconds);
  expect(parseArgs(['--load-seconds', '1', '--scale', 'medium']).scale).toEqual({ ...SCALES.medium, loadSeconds: 1 });
  expect(() => parseArgs(['--load-seconds', '0.5'])).toThrow('--load-seconds must be a whole number of seconds from 1 to 600, not "0.5"');
});
