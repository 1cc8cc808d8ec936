import { formatCents, toScaled } from '../money.util';

/**
 * The invoice's tax spread over its lines so the line taxes add up to the invoice's tax to the
 * cent: each line takes its share of the tax (line amount / subtotal), rounded down, and the
 * cents left go one each to the lines with the largest remainders (earlier lines first on a tie).
 */
export function lineTaxes(lineAmounts: string[], taxAmount: string): string[] {
  const cents = lineAmounts.map((a) => toScaled(a, 2));
  const subtotal = cents.reduce((a, b) => a + b, 0n);
  const tax = toScaled(taxAmount, 2);
  if (subtotal === 0n) return cents.map((_, i) => formatCents(i === 0 ? tax : 0n));
  const shares = cents.map((c) => ({ floor: (c * tax) / subtotal, rest: (c * tax) % subtotal }));
  let left = tax - shares.reduce((a, s) => a + s.floor, 0n);
  const order = shares.map((s, i) => ({ i, rest: s.rest })).sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    shares[i].floor += 1n;
    left -= 1n;
  }
  return shares.map((s) => formatCents(s.floor));
}
