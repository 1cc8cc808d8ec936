import { roundHalfUp, toScaled } from '../money.util';

/** A retainer's terms as the deals table holds them (money in integer cents). */
export interface RetainerTerms {
  hoursPerMonth: string;
  priceCents: bigint;
  overageRateCents: bigint;
  rolloverMonths: number;
  /** YYYY-MM-DD, a day of the organization's calendar. */
  startsOn: string;
}

/** One retainer month (YYYY-MM); times in whole seconds, money in cents. */
export interface RetainerMonth {
  month: string;
  includedSeconds: bigint;
  rolledOverSeconds: bigint;
  usedSeconds: bigint;
  leftSeconds: bigint;
  overageSeconds: bigint;
  priceCents: bigint;
  overageCents: bigint;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const daysIn = (index: number) => new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();

/** The months from `from` to `to` (YYYY-MM, both included), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOf(i));
  return out;
}

/**
 * The first month of a retainer that starts after the 1st is prorated by the days left in it
 * (start day included): included hours to the 0.01 h and the price to the cent, each rounded
 * half up once. Later months are whole.
 */
export function proratedMonth(terms: RetainerTerms): { includedSeconds: bigint; priceCents: bigint } {
  const index = monthIndex(terms.startsOn.slice(0, 7));
  const days = BigInt(daysIn(index));
  const remaining = days - BigInt(Number(terms.startsOn.slice(8, 10))) + 1n;
  const centiHours = roundHalfUp(toScaled(terms.hoursPerMonth, 2) * remaining, days);
  return { includedSeconds: centiHours * 36n, priceCents: roundHalfUp(terms.priceCents * remaining, days) };
}

/**
 * Every month of the retainer from its start through `through` (YYYY-MM), given the seconds
 * used in each month. Unused included hours of a month can be used in the next
 * `rolloverMonths` months; use draws on rolled-over hours first, oldest first (FIFO), then
 * on the month's own; what is left over is overage, billed at the overage rate (seconds /
 * 3600 × rate, rounded half up to the cent once per month). Empty before the start.
 */
export function retainerMonths(terms: RetainerTerms, usedByMonth: ReadonlyMap<string, bigint>, through: string): RetainerMonth[] {
  const first = monthIndex(terms.startsOn.slice(0, 7));
  const whole = toScaled(terms.hoursPerMonth, 2) * 36n;
  const prorated = proratedMonth(terms);
  const buckets: { from: number; seconds: bigint }[] = [];
  const out: RetainerMonth[] = [];
  for (let i = first; i <= monthIndex(through); i++) {
    while (buckets.length && buckets[0].from < i - terms.rolloverMonths) buckets.shift();
    const includedSeconds = i === first ? prorated.includedSeconds : whole;
    const priceCents = i === first ? prorated.priceCents : terms.priceCents;
    const rolledOverSeconds = buckets.reduce((s, b) => s + b.seconds, 0n);
    const usedSeconds = usedByMonth.get(monthOf(i)) ?? 0n;
    let need = usedSeconds;
    for (const b of buckets) {
      const take = need < b.seconds ? need : b.seconds;
      b.seconds -= take;
      need -= take;
    }
    const fromOwn = need < includedSeconds ? need : includedSeconds;
    need -= fromOwn;
    while (buckets.length && buckets[0].seconds === 0n) buckets.shift();
    if (terms.rolloverMonths > 0 && includedSeconds > fromOwn) buckets.push({ from: i, seconds: includedSeconds - fromOwn });
    const leftSeconds = rolledOverSeconds + includedSeconds - usedSeconds + need;
    out.push({ month: monthOf(i), includedSeconds, rolledOverSeconds, usedSeconds, leftSeconds, overageSeconds: need, priceCents, overageCents: roundHalfUp(need * terms.overageRateCents, 3600n) });
  }
  return out;
}

/** Seconds as hours rounded half up to 2 decimals, as a number (balances). */
export const hoursNumber = (seconds: bigint): number => Number(roundHalfUp(seconds * 100n, 3600n)) / 100;
