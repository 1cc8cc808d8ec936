/** The wait before the next push after `failures` failed ones: doubling from `baseMs` up to `maxMs`, ±10% jitter. */
export function pushRetryDelay(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(failures - 1, 0), maxMs);
  return Math.round(exponential * (0.9 + 0.2 * random()));
}
