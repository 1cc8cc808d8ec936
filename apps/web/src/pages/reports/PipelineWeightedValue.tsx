import type { PipelineTotalsDto } from '@clockwork/api-client';
import { formatDate, formatMoney } from '../../lib/format';

/** The pipeline's weighted value per currency and what weighted it: the organization's win model, or the stages' probabilities. */
export function PipelineWeightedValue({ totals }: { totals: PipelineTotalsDto }) {
  const byModel = totals.weighting === 'model';
  return (
    <p className="mt-3 text-xs text-slate-500">
      Weighted: {totals.by_currency.map((c) => formatMoney(c.weighted_value, c.currency)).join(' · ') || '—'}{' '}
      <span className={byModel ? 'rounded bg-indigo-50 px-1.5 py-0.5 font-medium text-indigo-700' : 'rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-600'}>
        {byModel ? `by the win model${totals.model_trained_at ? ` (trained ${formatDate(totals.model_trained_at)})` : ''}` : 'by stage probability'}
      </span>
    </p>
  );
}
