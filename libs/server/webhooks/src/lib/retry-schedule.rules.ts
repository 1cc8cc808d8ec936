const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest wait a receiver's Retry-After can impose (one day). */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/** `5s,5m,30m,2h` -> milliseconds. */
export function parseRetrySchedule(spec: string): number[] {
  return spec.split(',').map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`Not a duration: "${part.trim()}" (use e.g. 500ms, 5s, 5m, 2h, 1d)`);
    return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  });
}

/** Retry-After as seconds or an HTTP date -> milliseconds from now (capped), or null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  const trimmed = raw.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * The wait before the next attempt after `roundAttempts` failed ones, or null when the schedule
 * is spent. The scheduled delay gets ±10% jitter; a longer Retry-After wins.
 */
export function nextRetryDelay(schedule: number[], roundAttempts: number, retryAfterMs: number | null, random = Math.random): number | null {
  const base = schedule[roundAttempts - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (0.9 + 0.2 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
