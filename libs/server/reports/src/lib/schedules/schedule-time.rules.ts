import type { RelativeRange, ScheduleFrequency } from '@clockwork/shared-dto';

/** When a schedule runs: frequency, ISO weekday / day of month, hour, IANA time zone. */
export interface ScheduleTiming {
  frequency: ScheduleFrequency;
  weekday?: number | null;
  day_of_month?: number | null;
  hour: number;
  timezone: string;
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of an instant in a time zone (Intl). */
export function zonedParts(at: Date, timeZone: string): CalendarDay & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: +parts['year'], month: +parts['month'], day: +parts['day'], hour: +parts['hour'] % 24, minute: +parts['minute'], second: +parts['second'] };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetMs(at: number, timeZone: string): number {
  const p = zonedParts(new Date(at), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a wall-clock hour of a day has in a time zone. An hour skipped by a DST change
 * (02:00 in spring) becomes the first hour after the gap; a repeated one (autumn) the first.
 */
export function zonedTime(day: CalendarDay, hour: number, timeZone: string): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour);
  const guess = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(guess, timeZone));
}

const calendarDay = (ms: number): CalendarDay => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const isoWeekday = (ms: number) => ((new Date(ms).getUTCDay() + 6) % 7) + 1;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function runsOn(timing: ScheduleTiming, ms: number): boolean {
  const d = calendarDay(ms);
  if (timing.frequency === 'weekly') return isoWeekday(ms) === timing.weekday;
  if (timing.frequency === 'monthly') return d.day === Math.min(timing.day_of_month ?? 1, daysInMonth(d.year, d.month));
  return true;
}

/** The first run strictly after `after`: the schedule's hour on its next matching local day. */
export function nextRunAt(timing: ScheduleTiming, after: Date): Date {
  const local = zonedParts(after, timing.timezone);
  const start = Date.UTC(local.year, local.month - 1, local.day);
  for (let i = 0; i <= 62; i++) {
    const ms = start + i * DAY_MS;
    if (!runsOn(timing, ms)) continue;
    const at = zonedTime(calendarDay(ms), timing.hour, timing.timezone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`No run of the schedule within 62 days after ${after.toISOString()}`);
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A relative range as report dates (date_from included, date_to excluded) counted from the
 * local day `today` (the schedule's time zone; UTC for exports). Weeks start on Monday.
 */
export function resolveRange(range: RelativeRange, today: CalendarDay): { date_from: string; date_to: string } {
  const t = Date.UTC(today.year, today.month - 1, today.day);
  const monday = t - (isoWeekday(t) - 1) * DAY_MS;
  const firstOfMonth = Date.UTC(today.year, today.month - 1, 1);
  const firstOfYear = Date.UTC(today.year, 0, 1);
  const spans: Record<RelativeRange, [number, number]> = {
    today: [t, t + DAY_MS],
    yesterday: [t - DAY_MS, t],
    last_7_days: [t - 7 * DAY_MS, t],
    last_30_days: [t - 30 * DAY_MS, t],
    week_to_date: [monday, t + DAY_MS],
    last_week: [monday - 7 * DAY_MS, monday],
    month_to_date: [firstOfMonth, t + DAY_MS],
    last_month: [Date.UTC(today.year, today.month - 2, 1), firstOfMonth],
    year_to_date: [firstOfYear, t + DAY_MS],
    last_year: [Date.UTC(today.year - 1, 0, 1), firstOfYear],
  };
  const [from, to] = spans[range];
  return { date_from: iso(from), date_to: iso(to) };
}
