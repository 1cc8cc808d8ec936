import type { TimeEntriesListData } from '@clockwork/api-client';
import { Link } from 'react-router-dom';
import { useDealOptions, useUsers } from '../../api/lookups';
import { Badge } from '../../components/Badge';
import { LoadMore } from '../../components/Filters';
import { EmptyState, QueryState } from '../../components/States';
import { RowsTable, Td } from '../../components/Table';
import { MappingBadge, SyncBadge } from '../../components/badges';
import { formatDateTime, formatDuration } from '../../lib/format';
import { AutoAppliedMark } from './AutoAppliedMark';
import { useTimeEntries } from './time-entries.queries';

type Query = NonNullable<TimeEntriesListData['query']>;

/**
 * The time entries matching the filters; `search` narrows the loaded rows by project or tag.
 * `everyone`: the caller reads everyone's entries with their productivity scores (admins,
 * managers); otherwise they are the caller's own, so no person or productivity column.
 */
export function EntriesTable({ filters, search, filtered, everyone }: { filters: Query; search: string; filtered: boolean; everyone: boolean }) {
  const { nameOf } = useUsers();
  const deals = useDealOptions();
  const query = useTimeEntries(filters);
  const needle = search.trim().toLowerCase();
  const rows = needle ? query.rows.filter((e) => [e.project_name ?? '', ...e.tags].some((text) => text.toLowerCase().includes(needle))) : query.rows;
  const total = rows.reduce((s, e) => s + e.duration_seconds, 0);

  return (
    <QueryState query={query}>
      {rows.length === 0 ? (
        <EmptyState icon="time" title={filtered || needle ? 'No entry matches these filters' : 'No time entries yet'}>
          {filtered || needle ? 'Try a wider date range.' : 'Entries arrive from the productivity agents through the API.'}
        </EmptyState>
      ) : (
        <>
          <RowsTable
            label={everyone ? 'Time entries' : 'My time entries'}
            rows={rows}
            rowKey={(e) => e.id}
            columns={[
              'Work',
              everyone && ['Person', 'hidden md:table-cell'],
              ['Deal', 'hidden lg:table-cell'],
              ['Start', 'hidden sm:table-cell'],
              ['Duration', 'text-right'],
              everyone && ['Productivity', 'hidden text-right xl:table-cell'],
              'Sync',
            ]}
          >
            {(e) => (
              <>
                <Td>
                  <p className="font-medium text-slate-900">{e.project_name ?? 'Untitled work'}</p>
                  <div className="mt-0.5 flex flex-wrap gap-1">
                    <MappingBadge entry={e} />
                    <AutoAppliedMark entry={e} />
                    {e.billable && <Badge tone="success">Billable</Badge>}
                  </div>
                </Td>
                {everyone && <Td className="hidden md:table-cell">{nameOf(e.user_id) ?? e.employee_id ?? '—'}</Td>}
                <Td className="hidden lg:table-cell">
                  {e.deal_id ? (
                    <Link to={`/deals/${e.deal_id}`} className="text-indigo-600 hover:underline">
                      {deals.nameOf(e.deal_id) ?? 'Deal'}
                    </Link>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </Td>
                <Td className="hidden whitespace-nowrap sm:table-cell">{formatDateTime(e.start_time)}</Td>
                <Td className="text-right font-medium tabular-nums">{formatDuration(e.duration_seconds)}</Td>
                {everyone && <Td className="hidden text-right tabular-nums xl:table-cell">{e.productivity_score === null ? '—' : `${Math.round(e.productivity_score * 100)}%`}</Td>}
                <Td>
                  <SyncBadge status={e.sync_status} />
                </Td>
              </>
            )}
          </RowsTable>
          <div className="flex items-center justify-between border-t border-slate-100 pl-4 text-xs text-slate-600">
            <span>
              Total shown: <strong className="text-slate-900">{formatDuration(total)}</strong>
            </span>
            <LoadMore query={query} count={rows.length} />
          </div>
        </>
      )}
    </QueryState>
  );
}
