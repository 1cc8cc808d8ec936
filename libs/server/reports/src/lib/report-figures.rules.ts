/**
 * Exact arithmetic for report figures: money as integer cents (BigInt), hours from integer
 * seconds. Rounding is half away from zero everywhere, as PostgreSQL's round(numeric) does.
 */

/** "1234.5" / "-0.05" -> cents. Money in the database has at most 2 decimals. */
export function toCents(amount: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) throw new Error(`Not a money amount: ${amount}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** cents -> "1234.50". */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** a / b rounded half away from zero (b > 0). */
export function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

export const sumMoney = (amounts: string[]): string => fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));

/** Money per hour of `seconds` (exact seconds, not rounded hours); null without time. */
export function perHour(amount: string, seconds: number): string | null {
  if (seconds <= 0) return null;
  return fromCents(divRound(toCents(amount) * 3600n, BigInt(seconds)));
}

/** Hours with 2 decimals from whole seconds (seconds / 36 is exact at every .5, so Math.round is half-up). */
export const hoursOf = (seconds: number): number => Math.sign(seconds) * (Math.round(Math.abs(seconds) / 36) / 100);

/** A bigint column (a string from the driver) as a number; seconds and counts fit easily. */
export const int = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A rounded numeric column (string) as a number, keeping null. */
export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
