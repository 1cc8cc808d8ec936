import { useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Card } from '../../components/Card';
import { QueryState } from '../../components/States';
import { SyncBadge } from '../../components/badges';
import { formatDateTime, formatDuration, formatHours } from '../../lib/format';
import { useTimeEntriesOfDeal } from '../time-entries/time-entries.queries';
import { useDealTime } from './deals.queries';

/**
 * The deal's time. Admins and managers: every entry on the deal, with who logged it. Sales read
 * only their own entries (docs/permissions.md): "My time on this deal", plus the deal's total
 * hours of everyone from GET /deals/{id}/time, which names no one.
 */
export function DealTimeEntries({ dealId }: { dealId: string }) {
  const { user } = useAuth();
  const everyone = can(user?.role, 'all-time');
  const { nameOf } = useUsers();
  const entries = useTimeEntriesOfDeal(dealId);
  const totals = useDealTime(dealId, !everyone);
  const rows = entries.data?.data ?? [];
  const total = rows.reduce((s, e) => s + e.duration_seconds, 0);
  const title = everyone ? 'Time entries' : 'My time on this deal';
  return (
    <Card title={`${title}${entries.data ? ` · ${formatHours(total)}` : ''}`} padded={false}>
      {!everyone && totals.data && (
        <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600 sm:px-5" data-testid="deal-time-total">
          Everyone on this deal: <strong className="text-slate-900">{formatHours(totals.data.seconds)}</strong> · {formatHours(totals.data.billable_seconds)} billable · {totals.data.entries} entries
        </p>
      )}
      <QueryState
        query={entries}
        isEmpty={rows.length === 0}
        emptyState={{ icon: 'time', title: everyone ? 'No time logged yet' : 'You have logged no time here yet', text: 'Time from the productivity agents appears here once it is mapped to this deal.' }}
      >
        <ul className="divide-y divide-slate-100">
          {rows.map((e) => (
            <li key={e.id} className="flex items-center gap-3 px-4 py-3 sm:px-5" data-entry-id={e.id}>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{e.project_name ?? 'Untitled work'}</p>
                <p className="text-xs text-slate-500">
                  {everyone ? `${nameOf(e.user_id) ?? 'Unknown person'} · ` : ''}
                  {formatDateTime(e.start_time)}
                </p>
              </div>
              <span className="text-sm font-semibold text-slate-900 tabular-nums">{formatDuration(e.duration_seconds)}</span>
              <SyncBadge status={e.sync_status} />
            </li>
          ))}
        </ul>
      </QueryState>
    </Card>
  );
}
