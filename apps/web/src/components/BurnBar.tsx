import type { BudgetBurnDto } from '@clockwork/api-client';
import { formatAmount, formatDate } from '../lib/format';

const toneOf = (percent: number) => (percent >= 100 ? 'bg-rose-600' : percent >= 80 ? 'bg-amber-500' : 'bg-emerald-600');
const amount = (b: BudgetBurnDto, v: string) => (b.kind === 'hours' ? `${Number(v).toLocaleString('en-US')} h` : formatAmount(v, b.currency));

/**
 * How much of one budget is used: a labelled progressbar (aria-valuenow = percent, which may pass
 * 100) with the figures as its text; `compact` for cards (the bar and the percent only).
 */
export function BurnBar({ burn, dealName, compact }: { burn: BudgetBurnDto; dealName: string; compact?: boolean }) {
  const label = `${burn.kind === 'hours' ? 'Hours' : 'Money'} budget used of ${dealName}`;
  const text = `${burn.percent}% — ${amount(burn, burn.used)} of ${amount(burn, burn.budget)}`;
  return (
    <div className={compact ? 'space-y-0.5' : 'space-y-1'}>
      <div className="flex items-baseline justify-between gap-2 text-xs text-slate-600">
        <span>{burn.kind === 'hours' ? 'Hours' : 'Money'}</span>
        <span className="tabular-nums">{compact ? `${burn.percent}%` : text}</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={Math.max(100, burn.percent)} aria-valuenow={burn.percent} aria-valuetext={text} className="h-1.5 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full ${toneOf(burn.percent)}`} style={{ width: `${Math.min(100, burn.percent)}%` }} />
      </div>
      {!compact && (
        <p className="text-xs text-slate-500">
          {burn.projected_exhaustion ? `Runs out around ${formatDate(burn.projected_exhaustion)} at the last 14 days' pace` : burn.percent >= 100 ? 'Budget spent' : 'No recent burn'}
        </p>
      )}
    </div>
  );
}
