import { MAX_RETRY_AFTER_MS, nextRetryDelay, parseRetryAfter, parseRetrySchedule } from './retry-schedule.rules';

describe('retry schedule', () => {
  it('parses the Standard Webhooks default and fractional durations', () => {
    expect(parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h')).toEqual([5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(parseRetrySchedule(' 200ms , 1.5s,1d')).toEqual([200, 1500, 86_400_000]);
    expect(() => parseRetrySchedule('5s,soon')).toThrow(/soon/);
  });

  it('waits the scheduled delay with ±10% jitter, then gives up', () => {
    const schedule = [1000, 60_000];
    expect(nextRetryDelay(schedule, 1, null, () => 0)).toBe(900);
    expect(nextRetryDelay(schedule, 1, null, () => 1)).toBe(1100);
    expect(nextRetryDelay(schedule, 2, null, () => 0.5)).toBe(60_000);
    expect(nextRetryDelay(schedule, 3, null)).toBeNull();
  });

  it('honours a longer Retry-After, never a shorter one', () => {
    expect(nextRetryDelay([1000], 1, 5000, () => 0.5)).toBe(5000);
    expect(nextRetryDelay([10_000], 1, 5000, () => 0.5)).toBe(10_000);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
