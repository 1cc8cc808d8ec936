import type { WinFactorDto } from '@clockwork/api-client';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Card } from '../../components/Card';
import { QueryState } from '../../components/States';
import { useDealWinProbability, useWinProbabilities } from './insights.queries';

const percent = (p: number) => `${Math.round(p * 100)} %`;

/** A feature name as people read it ("hours_last_14d" → "Hours last 14d"). */
export const factorLabel = (feature: string) => (feature.charAt(0).toUpperCase() + feature.slice(1)).replace(/_/g, ' ');

const SOURCE_NOTE = {
  model: "From this organization's model, trained on its closed deals.",
  stage_rate: 'From the win rate of the stage (too few closed deals for a model yet).',
  outcome: 'The deal is closed.',
} as const;

function Factors({ factors }: { factors: WinFactorDto[] }) {
  if (factors.length === 0) return null;
  return (
    <ul aria-label="Top factors" className="mt-3 space-y-1 text-sm">
      {factors.map((f) => (
        <li key={f.feature} className="flex justify-between gap-3">
          <span className="text-slate-700">
            {factorLabel(f.feature)} <span className="text-slate-500 tabular-nums">({f.value})</span>
          </span>
          <span className={`font-medium ${f.effect > 0 ? 'text-emerald-700' : 'text-rose-700'}`}>{f.effect > 0 ? 'raises' : 'lowers'}</span>
        </li>
      ))}
    </ul>
  );
}

/** The win probability of one deal and what moved it; shown to the roles that may read insights. */
export function DealWinProbabilityCard({ dealId }: { dealId: string }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'win-probability');
  const query = useDealWinProbability(dealId, allowed);
  if (!allowed) return null;
  return (
    <Card title="Win probability">
      <QueryState query={query}>
        {query.data && (
          <>
            <p className="text-2xl font-semibold text-slate-900 tabular-nums">{percent(query.data.probability)}</p>
            <p className="mt-1 text-xs text-slate-500">{SOURCE_NOTE[query.data.source]}</p>
            <Factors factors={query.data.factors} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** The win probability on a deal card (from the board's one request); nothing while loading or for other roles. */
export function WinChance({ dealId }: { dealId: string }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'win-probability');
  const all = useWinProbabilities(allowed);
  const p = all.data?.deals.find((d) => d.deal_id === dealId);
  if (!allowed || !p) return null;
  const top = p.factors[0];
  return (
    <span className="text-xs text-slate-600" title={top ? `Top factor: ${factorLabel(top.feature)}` : undefined}>
      Win chance <span className="font-medium tabular-nums text-slate-900">{percent(p.probability)}</span>
    </span>
  );
}
