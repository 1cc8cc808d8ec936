/**
 * Exact money arithmetic on integers (BigInt): amounts are decimal strings in and out, cents
 * inside. Rounding is half up (amounts are never negative), once per line and once for tax.
 */
const RATE_SCALE = 2;
const FX_SCALE = 10;
const PERCENT_SCALE = 2;

/** "120.5" at scale 2 -> 12050n. Accepts what numeric columns and validated DTOs hold. */
export function toScaled(value: string, scale: number): bigint {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) throw new Error(`Not a non-negative decimal: ${value}`);
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > scale) throw new Error(`More than ${scale} decimals: ${value}`);
  return BigInt(m[1] + decimals.padEnd(scale, '0'));
}

/** "1" at scale 10 -> "1.0000000000": a decimal written as a numeric column of that scale reads back. */
export function atScale(value: string, scale: number): string {
  const s = toScaled(value, scale).toString().padStart(scale + 1, '0');
  return `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/** num / den rounded half up, for num >= 0 and den > 0. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** 12345n (cents) -> "123.45". */
export function formatCents(cents: bigint): string {
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Tracked seconds as hours with 2 decimals (display only). */
export function hoursOf(seconds: bigint): string {
  return formatCents(roundHalfUp(seconds * 100n, 3600n));
}

/**
 * A line's amount in the invoice currency, in cents:
 * seconds / 3600 × hourly rate × exchange rate, rounded half up to the cent once.
 */
export function lineAmountCents(seconds: bigint, hourlyRate: string, exchangeRate: string): bigint {
  const num = seconds * toScaled(hourlyRate, RATE_SCALE) * toScaled(exchangeRate, FX_SCALE);
  const den = 3600n * 10n ** BigInt(FX_SCALE);
  return roundHalfUp(num, den);
}

/** Tax on the subtotal, in cents, rounded half up. */
export function taxCents(subtotalCents: bigint, percent: string): bigint {
  return roundHalfUp(subtotalCents * toScaled(percent, PERCENT_SCALE), 100n * 10n ** BigInt(PERCENT_SCALE));
}

export interface InvoiceTotals {
  subtotal: string;
  tax_amount: string;
  total: string;
}

/** Subtotal = sum of the lines; tax on the subtotal; total = subtotal + tax. */
export function invoiceTotals(lineCents: bigint[], taxPercent: string): InvoiceTotals {
  const subtotal = lineCents.reduce((a, b) => a + b, 0n);
  const tax = taxCents(subtotal, taxPercent);
  return { subtotal: formatCents(subtotal), tax_amount: formatCents(tax), total: formatCents(subtotal + tax) };
}
