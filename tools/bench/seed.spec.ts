// The rollups are built once after seeding, a month of daily rollups per statement: the months
// cover the seeded year, every day once; and the build writes every rollup table.
import { monthsOf } from './seed';
import { DAILY_SQL, PRICED_SQL, PRICES_SQL, ROLLUP_TABLES, SPAN_SQL } from './seed-rollups';

it('splits a range into calendar months, partial at both ends, covering every day once', () => {
  const months = monthsOf(new Date('2025-11-21T00:00:00Z'), new Date('2026-11-21T00:00:00Z'));
  expect(months[0]).toEqual({ from: '2025-11-21', to: '2025-12-01' });
  expect(months[1]).toEqual({ from: '2025-12-01', to: '2026-01-01' });
  expect(months.at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-21' });
  expect(months).toHaveLength(13);
  for (let i = 1; i < months.length; i++) expect(months[i].from).toBe(months[i - 1].to);
});

it('returns nothing for an empty range and one piece inside a month', () => {
  expect(monthsOf(new Date('2026-03-05T00:00:00Z'), new Date('2026-03-05T00:00:00Z'))).toEqual([]);
  expect(monthsOf(new Date('2026-03-05T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))).toEqual([{ from: '2026-03-05', to: '2026-03-09' }]);
});

it('fills every rollup table it defers the indexes of, each with one statement', () => {
  const written = [DAILY_SQL, ...SPAN_SQL, PRICES_SQL, ...PRICED_SQL].map((sql) => /INSERT INTO (\w+)/.exec(sql)?.[1]);
  expect(written.sort()).toEqual([...ROLLUP_TABLES].sort());
  for (const sql of [...SPAN_SQL, ...PRICED_SQL]) expect(sql).toContain(`unnest('{1,4,16,64,256}'::smallint[])`);
});
