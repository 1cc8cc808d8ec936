import type { RevenueVsHoursTotalsDto } from '@clockwork/api-client';
import { formatMoney } from '../../lib/format';

/** Under the revenue-per-hour chart: the hours on deals and what those deals are worth per currency. */
export function RevenueTotals({ totals }: { totals: RevenueVsHoursTotalsDto }) {
  return (
    <p className="mt-3 text-xs text-slate-500">
      {totals.hours} h on deals worth {totals.by_currency.map((c) => formatMoney(c.value, c.currency)).join(' · ') || '—'}
    </p>
  );
}
