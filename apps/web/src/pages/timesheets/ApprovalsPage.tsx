import type { TimesheetDto } from '@clockwork/api-client';
import { useState } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { FilterBar, LoadMore, SelectFilter } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/States';
import { useUrlFilters } from '../../lib/url-filters';
import { RejectDialog } from './RejectDialog';
import { hours, periodLabel, statusLabel, statusTone } from './timesheet-format';
import { useDecideTimesheet, useTimesheets } from './timesheets.queries';

const FILTERS = ['status'] as const;
const STATUS_OPTIONS = [
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'open', label: 'Reopened' },
];

function TimesheetItem({
  timesheet,
  mayReopen,
  onReject,
  confirmReopen,
}: {
  timesheet: TimesheetDto;
  mayReopen: boolean;
  onReject: () => void;
  /** asks before reopening (reopening unlocks the entries and drops the decision) */
  confirmReopen: (who: string, reopen: () => void) => void;
}) {
  const decide = useDecideTimesheet();
  const headingId = `timesheet-${timesheet.id}`;
  const who = timesheet.user_name ?? 'Unknown person';
  const busy = decide.isPending ? decide.variables?.step : undefined;
  return (
    <li>
      <article aria-labelledby={headingId} className="p-4 sm:p-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {who}, {periodLabel(timesheet.period_start, timesheet.period_end)}
          </h2>
          <Badge tone={statusTone[timesheet.status]}>{statusLabel[timesheet.status]}</Badge>
          <span className="text-sm text-slate-600 tabular-nums sm:ml-auto">{hours(timesheet.total_seconds)} h</span>
        </div>
        {timesheet.by_deal.length > 0 ? (
          <table aria-label={`Hours per deal of ${who}`} className="mt-3 w-full max-w-lg text-sm">
            <thead className="sr-only">
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Hours</th>
              </tr>
            </thead>
            <tbody>
              {timesheet.by_deal.map((d) => (
                <tr key={d.deal_id ?? 'none'} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="py-1.5 text-left font-normal text-slate-700">
                    {d.deal_name ?? 'Not mapped to a deal'}
                  </th>
                  <td className="py-1.5 text-right text-slate-900 tabular-nums">{hours(d.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-3 text-sm text-slate-500">No time in this period.</p>
        )}
        {timesheet.comment && <p className="mt-2 text-sm text-slate-600">Comment: {timesheet.comment}</p>}
        <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label={`Decide on the timesheet of ${who}`}>
          {timesheet.status === 'submitted' && (
            <>
              <Button size="sm" busy={busy === 'approve'} disabled={decide.isPending} onClick={() => decide.mutate({ timesheet, step: 'approve' })}>
                Approve
              </Button>
              <Button size="sm" variant="secondary" disabled={decide.isPending} onClick={onReject}>
                Reject
              </Button>
            </>
          )}
          {mayReopen && timesheet.status !== 'open' && (
            <Button size="sm" variant="ghost" busy={busy === 'reopen'} disabled={decide.isPending} onClick={() => confirmReopen(who, () => decide.mutate({ timesheet, step: 'reopen' }))}>
              Reopen
            </Button>
          )}
        </div>
      </article>
    </li>
  );
}

/** Managers' and admins' queue of submitted timesheets: hours per person and deal, approve or reject; admins reopen. */
export function ApprovalsPage() {
  const { user } = useAuth();
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const status = values.status || 'submitted';
  const query = useTimesheets({ status });
  const [rejecting, setRejecting] = useState<TimesheetDto | null>(null);
  const mayReopen = can(user?.role, 'reopen-timesheets');
  const confirm = useConfirm();
  const confirmReopen = (who: string, reopen: () => void) =>
    confirm.ask({
      title: `Reopen the timesheet of ${who}?`,
      message: 'Its entries unlock and the person can change and submit them again; the decision taken on it is undone.',
      confirmLabel: 'Reopen',
      tone: 'primary',
      onConfirm: reopen,
    });
  return (
    <>
      <PageHeader title="Approvals" description="Submitted timesheets with their hours per deal. Approving locks the entries; a rejection goes back to the person with your comment." />
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <FilterBar active={active} onClear={clear}>
          <SelectFilter label="Status" value={values.status} onChange={(s) => setFilters({ status: s })} options={STATUS_OPTIONS} allLabel="Submitted" />
        </FilterBar>
        <QueryState
          query={query}
          isEmpty={query.rows.length === 0}
          emptyState={{ icon: 'check', title: status === 'submitted' ? 'Nothing waiting for approval' : 'No timesheets', text: status === 'submitted' ? 'Submitted timesheets show here.' : 'Nothing matches this filter.' }}
        >
          <>
            <ul aria-label="Timesheets" className="divide-y divide-slate-100">
              {query.rows.map((t) => (
                <TimesheetItem key={t.id} timesheet={t} mayReopen={mayReopen} onReject={() => setRejecting(t)} confirmReopen={confirmReopen} />
              ))}
            </ul>
            <LoadMore query={query} />
          </>
        </QueryState>
      </div>
      {rejecting && <RejectDialog timesheet={rejecting} onClose={() => setRejecting(null)} />}
      {confirm.dialog}
    </>
  );
}
