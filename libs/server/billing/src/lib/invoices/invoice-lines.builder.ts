import { UnprocessableEntityException } from '@nestjs/common';
import type { InvoiceLineKind, UsedExchangeRate } from '@clockwork/shared-entities';
import { formatCents, hoursOf, invoiceTotals, InvoiceTotals, lineAmountCents } from '../money.util';

/** Claimed entries grouped by deal, person and the rate that applies to them. */
export interface BillableGroup {
  deal_id: string | null;
  deal_name: string | null;
  user_id: string | null;
  user_name: string | null;
  rate_id: string | null;
  rate_level: string | null;
  hourly_rate: string | null;
  rate_currency: string | null;
  seconds: string;
  entry_ids: string[];
}

export interface BuiltLine {
  position: number;
  description: string;
  deal_id: string | null;
  user_id: string | null;
  seconds: string;
  hours: string;
  hourly_rate: string;
  rate_currency: string;
  rate_id: string | null;
  rate_level: string;
  exchange_rate: string;
  exchange_rate_date: string | null;
  amount: string;
  time_entry_ids: string[];
  kind: InvoiceLineKind;
  milestone_id: string | null;
  /** YYYY-MM-DD, the first day of the retainer month (retainer and overage lines). */
  retainer_month: string | null;
}

const unprocessable = (field: string, message: string) => new UnprocessableEntityException({ message, details: [{ field, errors: [message] }] });

/**
 * Invoice lines from the groups: each line's amount is its seconds at its rate, converted with
 * the stored rate of its currency into the invoice currency, rounded half up to the cent once;
 * the totals are the sum of the lines, tax on the subtotal. Refuses (422) entries without a
 * rate and currencies without a stored exchange rate.
 */
export function buildLines(
  groups: BillableGroup[],
  currency: string,
  exchange: Map<string, UsedExchangeRate>,
  taxPercent: string,
  invoiceDate: string,
): { lines: BuiltLine[]; totals: InvoiceTotals; used: UsedExchangeRate[] } {
  const unrated = groups.filter((g) => !g.rate_id);
  if (unrated.length) {
    const count = unrated.reduce((n, g) => n + g.entry_ids.length, 0);
    const where = unrated.map((g) => [g.deal_name ?? 'no deal', g.user_name ?? 'no user'].join(' / ')).join('; ');
    throw unprocessable('rates', `${count} billable time entries have no hourly rate on their day (${where}); add a rate, e.g. one for the organization`);
  }
  const missing = [...new Set(groups.map((g) => g.rate_currency as string))].filter((c) => c !== currency && !exchange.has(c));
  if (missing.length) {
    throw unprocessable('currency', `No stored exchange rate ${missing.map((c) => `${c}->${currency}`).join(', ')} on or before ${invoiceDate}; add one at /exchange-rates`);
  }
  const cents: bigint[] = [];
  const lines = groups.map((g, i): BuiltLine => {
    const fx = g.rate_currency === currency ? null : (exchange.get(g.rate_currency as string) as UsedExchangeRate);
    const amount = lineAmountCents(BigInt(g.seconds), g.hourly_rate as string, fx ? fx.rate : '1');
    cents.push(amount);
    return {
      position: i + 1,
      description: [g.deal_name ?? 'Account work', g.user_name].filter(Boolean).join(' — '),
      deal_id: g.deal_id,
      user_id: g.user_id,
      seconds: g.seconds,
      hours: hoursOf(BigInt(g.seconds)),
      hourly_rate: g.hourly_rate as string,
      rate_currency: g.rate_currency as string,
      rate_id: g.rate_id as string,
      rate_level: g.rate_level as string,
      exchange_rate: fx ? fx.rate : '1',
      exchange_rate_date: fx ? fx.rate_date : null,
      amount: formatCents(amount),
      time_entry_ids: g.entry_ids,
      kind: 'time',
      milestone_id: null,
      retainer_month: null,
    };
  });
  const used = [...new Set(lines.filter((l) => l.exchange_rate_date).map((l) => l.rate_currency))].map((c) => exchange.get(c) as UsedExchangeRate);
  return { lines, totals: invoiceTotals(cents, taxPercent), used };
}
