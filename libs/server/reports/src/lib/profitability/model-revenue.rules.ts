import { fromCents, toCents } from '../report-figures.rules';
import type { ProfitabilitySqlRow } from './profitability.repository';

/** What the fixed-fee and retainer deals of one key and currency change in its profitability row. */
export interface ModelRevenueAdjustment {
  key: string | null;
  name: string | null;
  currency: string;
  /** Their time valued at the hourly rates (what the hourly rows counted; rounded once per key and currency). */
  hourly_value: string;
  /** Their revenue in the range: milestones reached, retainer fees and overage (docs/billing-models.md). */
  revenue_cents: bigint;
}

/**
 * The profitability rows with fixed-fee and retainer deals valued by their model: the hourly
 * value of their time is taken out of billable_value and their revenue put in; a key and
 * currency with model revenue but no time gets its own row. Cost and invoiced value are unchanged.
 */
export function withModelRevenue(rows: ProfitabilitySqlRow[], adjustments: ModelRevenueAdjustment[]): ProfitabilitySqlRow[] {
  const out = rows.map((r) => ({ ...r }));
  for (const a of adjustments) {
    let row = out.find((r) => r.key === a.key && r.currency === a.currency);
    if (!row) {
      row = { key: a.key, name: a.name, currency: a.currency, billable_seconds: '0', costed_seconds: '0', billable_value: '0.00', cost: '0.00', invoiced_value: '0.00' };
      out.push(row);
    }
    row.billable_value = fromCents(toCents(row.billable_value) - toCents(a.hourly_value) + a.revenue_cents);
  }
  return out;
}
