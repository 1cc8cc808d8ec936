import type { ReportPeriod } from '@clockwork/shared-dto';

/**
 * The span levels of time_rollups_by_deal / time_rollups_by_user, in days, longest first (see
 * migration 1763701900000). A bucket of span s starts on a day whose number since 1970-01-01
 * is a multiple of s, so each bucket is exactly four buckets of the level below.
 */
export const TIME_SPANS = [256, 64, 16, 4, 1] as const;
export const LONGEST_SPAN = TIME_SPANS[0];

/** One bucket to read: its span, first day and the report period it counts toward (null without group_by). */
export interface SpanBucket {
  span: number;
  start: string;
  period: string | null;
}

const DAY_MS = 86_400_000;
export const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const mod = (n: number, m: number) => ((n % m) + m) % m;

/** The first day (number) of the period that holds day n, and of the next one. */
function periodOf(n: number, groupBy: ReportPeriod): { start: number; next: number } {
  if (groupBy === 'day') return { start: n, next: n + 1 };
  if (groupBy === 'week') {
    const start = n - mod(n + 3, 7); // 1970-01-01 was a Thursday; weeks start on Monday (ISO)
    return { start, next: start + 7 };
  }
  const d = new Date(n * DAY_MS);
  return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS, next: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS };
}

/** The fewest aligned buckets that tile days [from, to) exactly: at each step the longest span that starts there and fits. */
function tile(from: number, to: number, period: string | null, out: SpanBucket[]): void {
  for (let at = from; at < to; ) {
    const span = TIME_SPANS.find((s) => mod(at, s) === 0 && at + s <= to) as number;
    out.push({ span, start: dayString(at), period });
    at += span;
  }
}

/**
 * The buckets whose sum is the UTC day range [from, to) (YYYY-MM-DD, `to` excluded), each
 * tagged with its period when grouped: every period's part of the range is tiled on its own,
 * so no bucket straddles two periods. A year is 7 to 14 buckets; grouped by day, one per day.
 */
export function spanBuckets(from: string, to: string, groupBy?: ReportPeriod): SpanBucket[] {
  const out: SpanBucket[] = [];
  const end = dayNumber(to);
  if (!groupBy) {
    tile(dayNumber(from), end, null, out);
    return out;
  }
  for (let at = dayNumber(from); at < end; ) {
    const { start, next } = periodOf(at, groupBy);
    const stop = Math.min(next, end);
    tile(at, stop, dayString(start), out);
    at = stop;
  }
  return out;
}
