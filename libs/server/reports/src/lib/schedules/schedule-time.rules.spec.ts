import { nextRunAt, resolveRange, zonedParts, zonedTime } from './schedule-time.rules';

const at = (s: string) => new Date(s);

describe('schedule arithmetic (Intl time zones)', () => {
  it('reads the wall clock of an instant in a zone', () => {
    expect(zonedParts(at('2026-01-15T23:30:00Z'), 'Europe/Berlin')).toMatchObject({ year: 2026, month: 1, day: 16, hour: 0, minute: 30 });
    expect(zonedParts(at('2026-01-15T03:00:00Z'), 'America/New_York')).toMatchObject({ day: 14, hour: 22 });
  });

  it('maps a local hour to its instant, across DST', () => {
    expect(zonedTime({ year: 2026, month: 1, day: 10 }, 8, 'Europe/Berlin').toISOString()).toBe('2026-01-10T07:00:00.000Z');
    expect(zonedTime({ year: 2026, month: 7, day: 10 }, 8, 'Europe/Berlin').toISOString()).toBe('2026-07-10T06:00:00.000Z');
    // 02:00 does not exist on 2026-03-29 in Berlin: the first hour after the gap.
    expect(zonedTime({ year: 2026, month: 3, day: 29 }, 2, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedTime({ year: 2026, month: 3, day: 10 }, 9, 'Asia/Kolkata').toISOString()).toBe('2026-03-10T03:30:00.000Z');
  });

  it('daily: today at the hour if still ahead, else tomorrow; keeps the local hour over a DST change', () => {
    const daily = { frequency: 'daily' as const, hour: 8, timezone: 'Europe/Berlin' };
    expect(nextRunAt(daily, at('2026-03-27T06:59:59Z')).toISOString()).toBe('2026-03-27T07:00:00.000Z');
    expect(nextRunAt(daily, at('2026-03-27T07:00:00Z')).toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(nextRunAt(daily, at('2026-03-28T07:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextRunAt(daily, at('2026-10-24T06:00:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('daily in a zone west of UTC: the local day decides', () => {
    const daily = { frequency: 'daily' as const, hour: 23, timezone: 'America/Los_Angeles' };
    // 2026-06-02 05:00Z is 2026-06-01 22:00 in Los Angeles: 23:00 that evening.
    expect(nextRunAt(daily, at('2026-06-02T05:00:00Z')).toISOString()).toBe('2026-06-02T06:00:00.000Z');
  });

  it('weekly: the next ISO weekday at the hour', () => {
    const monday9 = { frequency: 'weekly' as const, weekday: 1, hour: 9, timezone: 'America/New_York' };
    // Wednesday 2026-01-14 -> Monday 2026-01-19 09:00 EST (14:00Z).
    expect(nextRunAt(monday9, at('2026-01-14T12:00:00Z')).toISOString()).toBe('2026-01-19T14:00:00.000Z');
    // On Monday after 09:00: a week later.
    expect(nextRunAt(monday9, at('2026-01-19T14:00:00Z')).toISOString()).toBe('2026-01-26T14:00:00.000Z');
    const sunday = { frequency: 'weekly' as const, weekday: 7, hour: 0, timezone: 'UTC' };
    expect(nextRunAt(sunday, at('2026-01-14T12:00:00Z')).toISOString()).toBe('2026-01-18T00:00:00.000Z');
  });

  it('monthly: the day of month, or the last day of a shorter month', () => {
    const the31st = { frequency: 'monthly' as const, day_of_month: 31, hour: 6, timezone: 'Europe/Berlin' };
    expect(nextRunAt(the31st, at('2026-01-31T05:00:00Z')).toISOString()).toBe('2026-02-28T05:00:00.000Z');
    expect(nextRunAt(the31st, at('2026-02-28T05:00:00Z')).toISOString()).toBe('2026-03-31T04:00:00.000Z');
    expect(nextRunAt(the31st, at('2028-02-01T00:00:00Z')).toISOString()).toBe('2028-02-29T05:00:00.000Z');
    const the1st = { frequency: 'monthly' as const, day_of_month: 1, hour: 0, timezone: 'Asia/Tokyo' };
    // 2026-04-30 15:00Z is already 2026-05-01 00:00 in Tokyo: the run is due now, the next is June.
    expect(nextRunAt(the1st, at('2026-04-30T14:59:59Z')).toISOString()).toBe('2026-04-30T15:00:00.000Z');
    expect(nextRunAt(the1st, at('2026-04-30T15:00:00Z')).toISOString()).toBe('2026-05-31T15:00:00.000Z');
  });

  it('resolves relative ranges from the local day', () => {
    const day = { year: 2026, month: 3, day: 4 }; // a Wednesday
    expect(resolveRange('last_7_days', day)).toEqual({ date_from: '2026-02-25', date_to: '2026-03-04' });
    expect(resolveRange('yesterday', day)).toEqual({ date_from: '2026-03-03', date_to: '2026-03-04' });
    expect(resolveRange('last_month', day)).toEqual({ date_from: '2026-02-01', date_to: '2026-03-01' });
    expect(resolveRange('month_to_date', day)).toEqual({ date_from: '2026-03-01', date_to: '2026-03-05' });
    expect(resolveRange('last_week', day)).toEqual({ date_from: '2026-02-23', date_to: '2026-03-02' });
    expect(resolveRange('week_to_date', day)).toEqual({ date_from: '2026-03-02', date_to: '2026-03-05' });
    expect(resolveRange('last_month', { year: 2026, month: 1, day: 15 })).toEqual({ date_from: '2025-12-01', date_to: '2026-01-01' });
    expect(resolveRange('last_year', day)).toEqual({ date_from: '2025-01-01', date_to: '2026-01-01' });
  });
});
