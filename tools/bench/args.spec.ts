// `--reports` narrows the reports scenario to some reports (the full-scale profitability row alone).
import { parseArgs } from './args';

it('takes the reports to measure, all when not given', () => {
  expect(parseArgs([]).reports).toEqual([]);
  expect(parseArgs(['--scale', 'full', '--only', 'reports', '--reports', 'profitability']).reports).toEqual(['profitability']);
  expect(parseArgs(['--reports=time-per-deal,pipeline']).reports).toEqual(['time-per-deal', 'pipeline']);
});

it('refuses a report the scenario does not know, naming it', () => {
  expect(() => parseArgs(['--reports', 'profitability,margins'])).toThrow(/--reports takes .*profitability.*; unknown: margins/);
});
