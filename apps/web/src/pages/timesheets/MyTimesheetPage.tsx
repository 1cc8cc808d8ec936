import type { TimesheetPeriodDto } from '@clockwork/api-client';
import { useSearchParams } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { FormError } from '../../components/Form';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { Table, Td, Th } from '../../components/Table';
import { dayLabel, hours, periodLabel, shiftDay, statusLabel, statusTone, todayUtc } from './timesheet-format';
import { useSubmitTimesheet, useTimesheetPeriod } from './timesheets.queries';

const ROW_HEADER = 'border-b border-slate-100 px-4 py-3 text-left font-medium whitespace-nowrap text-slate-800';
const rowLabel = (row: TimesheetPeriodDto['rows'][number]) => [row.deal_name ?? (row.deal_id ? 'Deal' : 'Not mapped to a deal'), row.task_title].filter(Boolean).join(' · ');

function Grid({ period }: { period: TimesheetPeriodDto }) {
  if (period.rows.length === 0) {
    return (
      <EmptyState icon="calendar" title="No time in this period">
        Time your productivity agent records shows here by deal and day.
      </EmptyState>
    );
  }
  return (
    <Table label={`Hours from ${periodLabel(period.period_start, period.period_end)}`}>
      <thead>
        <tr>
          <Th>Deal / task</Th>
          {period.days.map((day) => (
            <Th key={day} className="text-right">
              {dayLabel(day)}
            </Th>
          ))}
          <Th className="text-right">Total</Th>
        </tr>
      </thead>
      <tbody>
        {period.rows.map((row) => (
          <tr key={`${row.deal_id}|${row.task_id}`}>
            <th scope="row" className={ROW_HEADER}>
              {rowLabel(row)}
            </th>
            {row.seconds_by_day.map((seconds, i) => (
              <Td key={period.days[i]} className="text-right tabular-nums">
                {seconds ? hours(seconds) : ''}
              </Td>
            ))}
            <Td className="text-right font-medium tabular-nums">{hours(row.total_seconds)}</Td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" className={`${ROW_HEADER} font-semibold`}>
            Total
          </th>
          {period.day_totals.map((seconds, i) => (
            <Td key={period.days[i]} className="text-right font-medium tabular-nums">
              {hours(seconds)}
            </Td>
          ))}
          <Td className="text-right font-semibold tabular-nums">{hours(period.total_seconds)}</Td>
        </tr>
      </tfoot>
    </Table>
  );
}

/** The signed-in person's period: a grid of hours by deal/task and day, its status, and "Submit". */
export function MyTimesheetPage() {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? todayUtc();
  const query = useTimesheetPeriod(date);
  const submit = useSubmitTimesheet();
  const period = query.data;
  const go = (day: string) => setParams({ date: day });
  const locked = period?.status === 'submitted' || period?.status === 'approved';
  return (
    <>
      <PageHeader
        title="My timesheet"
        description={period ? `${period.period === 'week' ? 'Week' : 'Month'} of ${periodLabel(period.period_start, period.period_end)}` : 'Your hours by deal and day, submitted for approval.'}
        meta={period && <Badge tone={statusTone[period.status]}>{statusLabel[period.status]}</Badge>}
        actions={
          <>
            <Button variant="secondary" disabled={!period} onClick={() => period && go(shiftDay(period.period_start, -1))}>
              Previous period
            </Button>
            <Button variant="secondary" disabled={!period} onClick={() => period && go(period.period_end)}>
              Next period
            </Button>
            <Button busy={submit.isPending} disabled={!period || locked || submit.isPending} onClick={() => period && submit.mutate(period.period_start)}>
              {period?.status === 'rejected' ? 'Submit again' : 'Submit'}
            </Button>
          </>
        }
      />
      {period?.status === 'rejected' && (
        <div role="alert" className="mb-4 rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900">
          <p className="font-semibold">Rejected: please correct and submit again</p>
          {period.comment && <p className="mt-1">{period.comment}</p>}
        </div>
      )}
      {period?.status === 'approved' && <p className="mb-4 text-sm text-slate-600">Approved: these entries are locked. An admin can reopen the period.</p>}
      <FormError error={submit.error} />
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <QueryState query={query}>{period && <Grid period={period} />}</QueryState>
      </div>
    </>
  );
}
