import { dayNumber, dayString, SpanBucket, spanBuckets, TIME_SPANS } from './time-spans.rules';

/** The days each bucket covers, in order (throws when a bucket is misaligned). */
function daysOf(buckets: SpanBucket[]): number[] {
  return buckets.flatMap((b) => {
    const start = dayNumber(b.start);
    if (((start % b.span) + b.span) % b.span !== 0) throw new Error(`${b.start} is not aligned on ${b.span}`);
    return Array.from({ length: b.span }, (_, i) => start + i);
  });
}

const range = (from: string, to: string) => Array.from({ length: dayNumber(to) - dayNumber(from) }, (_, i) => dayNumber(from) + i);

describe('span buckets', () => {
  it('tiles a year with a handful of aligned buckets, longest first where they fit', () => {
    const year = spanBuckets('2025-11-21', '2026-11-21');
    expect(daysOf(year)).toEqual(range('2025-11-21', '2026-11-21'));
    expect(year.map((b) => b.span)).toEqual([1, 1, 1, 64, 256, 16, 16, 4, 4, 1, 1]);
    expect(year.every((b) => b.period === null)).toBe(true);
    expect(spanBuckets('2026-03-10', '2026-03-11')).toEqual([{ span: 1, start: '2026-03-10', period: null }]);
  });

  it('covers every day of random ranges exactly once, in at most 19 buckets within a year', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const from = dayNumber('2024-01-01') + Math.floor(rand() * 800);
      const to = from + 1 + Math.floor(rand() * 366);
      const buckets = spanBuckets(dayString(from), dayString(to));
      expect(daysOf(buckets)).toEqual(range(dayString(from), dayString(to)));
      if (to - from <= 366) expect(buckets.length).toBeLessThanOrEqual(19);
      for (const b of buckets) expect(TIME_SPANS).toContain(b.span);
    }
  });

  it('handles days before 1970 (floor alignment)', () => {
    expect(daysOf(spanBuckets('1969-12-20', '1970-01-10'))).toEqual(range('1969-12-20', '1970-01-10'));
  });

  it('tags buckets with their period and never lets one straddle two periods', () => {
    const months = spanBuckets('2026-01-20', '2026-03-05', 'month');
    expect(daysOf(months)).toEqual(range('2026-01-20', '2026-03-05'));
    expect([...new Set(months.map((b) => b.period))]).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    for (const b of months) expect(dayString(dayNumber(b.start) + b.span - 1).slice(0, 7)).toBe(b.start.slice(0, 7));

    const weeks = spanBuckets('2026-02-11', '2026-02-24', 'week'); // Wednesday .. Monday
    expect(daysOf(weeks)).toEqual(range('2026-02-11', '2026-02-24'));
    expect([...new Set(weeks.map((b) => b.period))]).toEqual(['2026-02-09', '2026-02-16', '2026-02-23']);
    for (const b of weeks) expect(dayNumber(b.start) + b.span).toBeLessThanOrEqual(dayNumber(b.period as string) + 7);

    const days = spanBuckets('2026-02-27', '2026-03-02', 'day');
    expect(days).toEqual([
      { span: 1, start: '2026-02-27', period: '2026-02-27' },
      { span: 1, start: '2026-02-28', period: '2026-02-28' },
      { span: 1, start: '2026-03-01', period: '2026-03-01' },
    ]);
  });
});
