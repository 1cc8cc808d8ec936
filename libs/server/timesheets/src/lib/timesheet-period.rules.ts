import type { TimesheetPeriod } from '@clockwork/shared-dto';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period (UTC days, `end` excluded) holding `day` (YYYY-MM-DD): weeks start on Monday. */
export function periodOf(day: string, period: TimesheetPeriod): { start: string; end: string } {
  const date = new Date(`${day}T00:00:00Z`);
  if (period === 'month') {
    const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    return { start: iso(start), end: iso(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)) };
  }
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const start = date.getTime() - sinceMonday * DAY_MS;
  return { start: iso(start), end: iso(start + 7 * DAY_MS) };
}

/** Every day from `start` up to (not including) `end`. */
export function daysOf(start: string, end: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t < Date.parse(`${end}T00:00:00Z`); t += DAY_MS) days.push(iso(t));
  return days;
}

/** Today's UTC date. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);
