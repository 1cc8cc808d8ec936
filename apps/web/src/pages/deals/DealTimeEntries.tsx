import { timeEntriesList } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { Card } from '../../components/Card';
import { EmptyState, QueryState } from '../../components/States';
import { SyncBadge } from '../../components/badges';
import { formatDateTime, formatDuration, formatHours } from '../../lib/format';

export function DealTimeEntries({ dealId }: { dealId: string }) {
  const { nameOf } = useUsers();
  const entries = useQuery({ queryKey: ['time-entries', 'by-deal', dealId], queryFn: ({ signal }) => unwrap(timeEntriesList({ query: { deal_id: dealId, limit: 200 }, signal })) });
  const rows = entries.data?.data ?? [];
  const total = rows.reduce((s, e) => s + e.duration_seconds, 0);
  return (
    <Card title={`Time entries${entries.data ? ` · ${formatHours(total)}` : ''}`} padded={false}>
      <QueryState query={entries}>
        {rows.length === 0 ? (
          <EmptyState icon="time" title="No time logged yet">
            Time from the productivity agents appears here once it is mapped to this deal.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rows.map((e) => (
              <li key={e.id} className="flex items-center gap-3 px-4 py-3 sm:px-5" data-entry-id={e.id}>
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">{e.project_name ?? 'Untitled work'}</p>
                  <p className="text-xs text-slate-500">
                    {nameOf(e.user_id) ?? 'Unknown person'} · {formatDateTime(e.start_time)}
                  </p>
                </div>
                <span className="text-sm font-semibold text-slate-900 tabular-nums">{formatDuration(e.duration_seconds)}</span>
                <SyncBadge status={e.sync_status} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}
