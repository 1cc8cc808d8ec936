import type { SyncConflictDto } from '@clockwork/api-client';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { FilterBar, LoadMore, SelectFilter } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { formatDateTime, titleCase } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-filters';
import { useResolveConflict, useSyncConflicts } from './sync-conflicts.queries';

const FILTERS = ['status', 'record_type'] as const;
const STATUS_OPTIONS = [
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];
const TYPE_OPTIONS = [
  { value: 'task', label: 'Tasks' },
  { value: 'deal', label: 'Deals' },
  { value: 'time_entry', label: 'Time entries' },
];
const RECORD_LABELS = { task: 'Task', deal: 'Deal', time_entry: 'Time entry' } as const;
const RECORD_PATHS = { task: () => '/tasks', deal: (id: string) => `/deals/${id}`, time_entry: () => '/time-entries' } as const;
const sideLabels = { crm: 'CRM', remote: 'Platform' } as const;

function Value({ value }: { value: SyncConflictDto['crm_value'] }) {
  if (value === null || value === '') return <span className="text-slate-500 italic">(empty)</span>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  return <>{String(value)}</>;
}

function Side({ conflict, side }: { conflict: SyncConflictDto; side: 'crm' | 'remote' }) {
  const kept = conflict.resolution === side;
  const applied = !conflict.resolution && conflict.winner === side;
  const value = side === 'crm' ? conflict.crm_value : conflict.remote_value;
  const changed = side === 'crm' ? conflict.crm_updated_at : conflict.remote_updated_at;
  return (
    <div className={`min-w-0 rounded-lg p-3 ring-1 ${kept ? 'bg-emerald-50 ring-emerald-600/30' : 'bg-slate-50 ring-slate-200'}`}>
      <dt className="flex flex-wrap items-center gap-2 text-xs font-medium text-slate-600">
        {side === 'crm' ? 'CRM value' : 'Platform value'}
        {kept && <Badge tone="success">Kept</Badge>}
        {applied && <Badge tone="info">Applied now</Badge>}
      </dt>
      <dd className="mt-1 text-sm break-words text-slate-900">
        <Value value={value} />
      </dd>
      <dd className="mt-1 text-xs text-slate-500">Changed {formatDateTime(changed)}</dd>
    </div>
  );
}

function ConflictItem({ conflict }: { conflict: SyncConflictDto }) {
  const resolve = useResolveConflict();
  const headingId = `conflict-${conflict.id}`;
  const recordLabel = RECORD_LABELS[conflict.record_type];
  const recordPath = RECORD_PATHS[conflict.record_type](conflict.record_id);
  const busy = resolve.isPending ? resolve.variables?.keep : undefined;
  // The buttons go away once resolved: keep the keyboard focus in the row, on what was kept.
  const outcome = useRef<HTMLParagraphElement>(null);
  const resolvedHere = resolve.isSuccess && !!conflict.resolution;
  useEffect(() => {
    if (resolvedHere) outcome.current?.focus();
  }, [resolvedHere]);
  return (
    <li>
      <article aria-labelledby={headingId} className="p-4 sm:p-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Badge tone={conflict.record_type === 'task' ? 'accent' : conflict.record_type === 'time_entry' ? 'warning' : 'neutral'}>{recordLabel}</Badge>
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {recordLabel} {titleCase(conflict.field).toLowerCase()}
          </h2>
          <Link
            to={recordPath}
            className="rounded text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Open {recordLabel.toLowerCase()}
          </Link>
          <span className="text-xs text-slate-500 sm:ml-auto">Found {formatDateTime(conflict.created_at)}</span>
        </div>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          <Side conflict={conflict} side="crm" />
          <Side conflict={conflict} side="remote" />
        </dl>
        {conflict.resolution ? (
          <p ref={outcome} tabIndex={-1} className="mt-3 rounded text-sm text-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            Resolved {formatDateTime(conflict.resolved_at)}: kept the {sideLabels[conflict.resolution]} value.
          </p>
        ) : (
          <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label={`Resolve ${recordLabel.toLowerCase()} ${conflict.field}`}>
            <Button size="sm" variant="secondary" busy={busy === 'crm'} disabled={resolve.isPending} onClick={() => resolve.mutate({ conflict, keep: 'crm' })}>
              Keep CRM
            </Button>
            <Button size="sm" variant="secondary" busy={busy === 'remote'} disabled={resolve.isPending} onClick={() => resolve.mutate({ conflict, keep: 'remote' })}>
              Keep platform
            </Button>
          </div>
        )}
      </article>
    </li>
  );
}

export function SyncConflictsPage() {
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const query = useSyncConflicts(values);
  const showing = values.status === 'resolved' ? 'resolved' : values.status === 'all' ? '' : 'unresolved';
  return (
    <>
      <PageHeader title="Sync conflicts" description="Fields changed both in the CRM and on the productivity platform since the last sync. Keep one side; the other is changed to match." />
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <FilterBar active={active} onClear={clear}>
          <SelectFilter label="Status" value={values.status} onChange={(status) => setFilters({ status })} options={STATUS_OPTIONS} allLabel="Unresolved" />
          <SelectFilter label="Record type" value={values.record_type} onChange={(record_type) => setFilters({ record_type })} options={TYPE_OPTIONS} allLabel="All types" />
        </FilterBar>
        <QueryState
          query={query}
          isEmpty={query.rows.length === 0}
          empty={
            <EmptyState
              icon="check"
              title={showing === 'unresolved' ? 'No conflicts to review' : showing === 'resolved' ? 'No resolved conflicts' : 'No conflicts'}
              action={
                active ? (
                  <Button variant="secondary" onClick={clear}>
                    Clear filters
                  </Button>
                ) : undefined
              }
            >
              {showing === 'unresolved' && !values.record_type ? 'Every field the CRM and the platform both changed has been settled.' : 'Nothing matches these filters.'}
            </EmptyState>
          }
        >
          <>
            <ul aria-label="Conflicts" className="divide-y divide-slate-100">
              {query.rows.map((conflict) => (
                <ConflictItem key={conflict.id} conflict={conflict} />
              ))}
            </ul>
            <LoadMore query={query} />
          </>
        </QueryState>
      </div>
    </>
  );
}
