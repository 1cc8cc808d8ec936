import type { DealDto } from '@clockwork/api-client';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, QueryState } from '../../components/States';
import { StageBadge } from '../../components/badges';
import { formatMoney } from '../../lib/format';

/** The deals of a record (an account's, a contact's account's): name, stage and value of each. */
export function DealList({ deals, emptyTitle, emptyAction }: { deals: { data?: { data: DealDto[] }; isPending: boolean; error: unknown; refetch: () => unknown }; emptyTitle: string; emptyAction?: ReactNode }) {
  const rows = deals.data?.data ?? [];
  return (
    <QueryState query={deals} isEmpty={rows.length === 0} empty={<EmptyState icon="deals" title={emptyTitle} action={emptyAction} />}>
      <ul className="divide-y divide-slate-100">
        {rows.map((d) => (
          <li key={d.id} className="flex items-center gap-3 px-4 py-3 sm:px-5">
            <Link to={`/deals/${d.id}`} className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900 hover:text-indigo-600">
              {d.name}
            </Link>
            <StageBadge stage={d.stage} />
            <span className="w-24 text-right text-sm text-slate-700 tabular-nums">{formatMoney(d.value, d.currency)}</span>
          </li>
        ))}
      </ul>
    </QueryState>
  );
}
