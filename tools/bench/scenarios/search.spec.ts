// The search scenario's queries: names the seed gives records, as typed and with one letter
// dropped, the same ones each run.
import { searchQueries, withTypo } from './search';

it('drops one letter of the longest word, past its first two', () => {
  const typo = withTypo('Hana Okafor', () => 0);
  expect(typo).toBe('Hana Okfor');
  expect(withTypo('Deal 42', () => 0.99)).toBe('Dea 42');
});

it('alternates a query as typed and its typo, the same ones each run', () => {
  const qs = searchQueries(12, 1000);
  expect(qs).toHaveLength(12);
  expect(qs).toEqual(searchQueries(12, 1000));
  for (let i = 0; i < qs.length; i += 2) {
    expect(qs[i + 1].length).toBe(qs[i].length - 1);
    expect(qs[i + 1]).not.toBe(qs[i]);
  }
  expect(qs.filter((q) => /^Deal \d+$/.test(q)).length).toBeGreaterThan(0);
});
