import type { DealHealthSignalDto } from '@clockwork/api-client';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { QueryState } from '../../components/States';
import { useAllDealHealth, useDealHealth } from './insights.queries';

/** A short label of each signal (the card's badge; the sentence is its title). */
export const SIGNAL_LABEL: Record<DealHealthSignalDto['code'], string> = {
  idle_late_stage: 'Idle',
  effort_above_won: 'High effort',
  budget_ahead_of_timeline: 'Budget burning fast',
};

/** The signals of a deal as sentences. */
export function SignalList({ signals, label }: { signals: DealHealthSignalDto[]; label: string }) {
  return (
    <ul aria-label={label} className="space-y-1 text-sm text-slate-700">
      {signals.map((s) => (
        <li key={s.code} className="flex items-start gap-2">
          <span aria-hidden="true" className="mt-1.5 size-1.5 shrink-0 rounded-full bg-amber-500" />
          {s.message}
        </li>
      ))}
    </ul>
  );
}

/** The health signals of one deal (the deal page); shown to the roles that may read insights. */
export function DealHealthCard({ dealId }: { dealId: string }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'deal-health');
  const query = useDealHealth(dealId, allowed);
  if (!allowed) return null;
  const [health] = query.data?.data ?? [];
  return (
    <Card title="Deal health">
      <QueryState query={query}>
        {!health ? (
          <p className="text-sm text-slate-500">Closed deals have no health signals.</p>
        ) : health.signals.length === 0 ? (
          <p className="text-sm text-slate-500">No warning signs.</p>
        ) : (
          <SignalList signals={health.signals} label="Health signals" />
        )}
      </QueryState>
    </Card>
  );
}

/** The health signals on a deal card (from the board's one read); nothing while loading, when healthy or for other roles. */
export function DealHealthFlags({ dealId }: { dealId: string }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'deal-health');
  const all = useAllDealHealth(allowed);
  const health = all.data?.data.find((d) => d.deal_id === dealId);
  if (!allowed || !health || health.signals.length === 0) return null;
  return (
    <ul aria-label={`Health signals of ${health.deal_name}`} className="flex flex-wrap gap-1">
      {health.signals.map((s) => (
        <li key={s.code} title={s.message}>
          <Badge tone="warning">{SIGNAL_LABEL[s.code]}</Badge>
        </li>
      ))}
    </ul>
  );
}
