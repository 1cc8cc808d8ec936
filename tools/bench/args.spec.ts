// `--reports` narrows the reports scenario to some reports (the full-scale profitability row alone);
// `--only lists` seeds what the lists read: the scale's contacts, no rollups, fewer time entries.
import { LIST_ONLY_TIME_ENTRIES, parseArgs, SCALES, seedPlan } from './args';

it('takes the reports to measure, all when not given', () => {
  expect(parseArgs([]).reports).toEqual([]);
  expect(parseArgs(['--scale', 'full', '--only', 'reports', '--reports', 'profitability']).reports).toEqual(['profitability']);
  expect(parseArgs(['--reports=time-per-deal,pipeline']).reports).toEqual(['time-per-deal', 'pipeline']);
});

it('refuses a report the scenario does not know, naming it', () => {
  expect(() => parseArgs(['--reports', 'profitability,margins'])).toThrow(/--reports takes .*profitability.*; unknown: margins/);
});

it('seeds the lists alone without rollups and with at most LIST_ONLY_TIME_ENTRIES entries, and every other run whole', () => {
  const lists = seedPlan(parseArgs(['--scale', 'full', '--only', 'lists']));
  expect(lists.rollups).toBe(false);
  expect(lists.scale).toEqual({ ...SCALES.full, timeEntries: LIST_ONLY_TIME_ENTRIES });
  expect(seedPlan(parseArgs(['--only', 'lists'])).scale).toEqual(SCALES.small);
  expect(seedPlan(parseArgs(['--scale', 'full', '--only', 'lists,reports']))).toEqual({ scale: SCALES.full, rollups: true });
  expect(seedPlan(parseArgs(['--scale', 'full']))).toEqual({ scale: SCALES.full, rollups: true });
});
