import type { ReportScheduleDto } from '@clockwork/api-client';
import { useState } from 'react';
import { useUsers } from '../../api/lookups';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Modal } from '../../components/Modal';
import { QueryState } from '../../components/States';
import { ActionsTd, ActionsTh, NameCell, RowsTable, Td } from '../../components/Table';
import { formatDateTime } from '../../lib/format';
import { useReportScheduleActions, useReportSchedules } from './reports.queries';

const REPORT_TITLES: Record<ReportScheduleDto['report'], string> = {
  pipeline: 'Pipeline by stage',
  'time-per-deal': 'Time per deal',
  'time-per-client': 'Time per client',
  'time-per-user': 'Time per person',
  'revenue-vs-hours': 'Revenue per hour',
  productivity: 'Productivity',
};
const WEEKDAYS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
const PAUSE_REASONS: Record<NonNullable<ReportScheduleDto['paused_reason']>, string> = {
  owner_deactivated: 'its owner was deactivated',
  owner_role_lost: 'its owner may no longer run this report',
  paused_by_user: 'paused by hand',
};

/** "Weekly on Mondays at 08:00 (Europe/Berlin)". */
export function describeCadence(s: Pick<ReportScheduleDto, 'frequency' | 'weekday' | 'day_of_month' | 'hour' | 'timezone'>): string {
  const at = `at ${String(s.hour).padStart(2, '0')}:00 (${s.timezone})`;
  if (s.frequency === 'weekly') return `Weekly on ${WEEKDAYS[(s.weekday ?? 1) - 1]} ${at}`;
  if (s.frequency === 'monthly') return `Monthly on day ${s.day_of_month} ${at}`;
  return `Daily ${at}`;
}

function StatusCell({ schedule }: { schedule: ReportScheduleDto }) {
  if (schedule.paused) {
    const byUser = schedule.paused_reason === 'paused_by_user';
    const reason = schedule.paused_reason && !byUser ? PAUSE_REASONS[schedule.paused_reason] : null;
    return (
      <div>
        <Badge tone={byUser ? 'neutral' : 'warning'} dot>
          Paused
        </Badge>
        <p className="mt-1 text-xs text-slate-500">{reason ? `Paused by the system: ${reason}` : 'Paused by hand'}</p>
      </div>
    );
  }
  return (
    <div>
      <Badge tone={schedule.last_status === 'failed' ? 'danger' : 'success'} dot>
        {schedule.last_status === 'failed' ? 'Last run failed' : 'Active'}
      </Badge>
      <p className="mt-1 text-xs text-slate-500">Next {formatDateTime(schedule.next_run_at)}</p>
    </div>
  );
}

/** The scheduled email reports with pause/resume and delete (confirmed). */
export function SchedulesPanel() {
  const schedules = useReportSchedules();
  const { setPaused, remove } = useReportScheduleActions();
  const { nameOf } = useUsers();
  const [deleting, setDeleting] = useState<ReportScheduleDto | null>(null);
  const rows = schedules.data?.data ?? [];
  return (
    <Card title="Scheduled reports" padded={false} className="mt-6">
      <QueryState query={schedules} isEmpty={rows.length === 0} emptyState={{ icon: 'calendar', title: 'No scheduled reports', text: 'Use “Schedule” on a report above to email it regularly with these filters.' }}>
        <RowsTable label="Scheduled reports" rows={rows} rowKey={(s) => s.id} columns={['Report', 'When', ['Recipients', 'hidden md:table-cell'], 'Status', <ActionsTh />]}>
          {(s) => (
            <>
              <NameCell
                name={REPORT_TITLES[s.report]}
                detail={
                  <>
                    {s.format.toUpperCase()}
                    {typeof s.params['range'] === 'string' ? ` · ${String(s.params['range']).replace(/_/g, ' ')}` : ''}
                    {nameOf(s.user_id) ? ` · by ${nameOf(s.user_id)}` : ''}
                  </>
                }
              />
              <Td className="text-slate-600">{describeCadence(s)}</Td>
              <Td className="hidden text-slate-600 md:table-cell">{s.recipients.join(', ')}</Td>
              <Td>
                <StatusCell schedule={s} />
              </Td>
              <ActionsTd>
                <Button size="sm" variant="ghost" busy={setPaused.isPending && setPaused.variables?.schedule.id === s.id} onClick={() => setPaused.mutate({ schedule: s, paused: !s.paused })} aria-label={`${s.paused ? 'Resume' : 'Pause'} ${REPORT_TITLES[s.report]} to ${s.recipients.join(', ')}`}>
                  {s.paused ? 'Resume' : 'Pause'}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDeleting(s)} aria-label={`Delete ${REPORT_TITLES[s.report]} to ${s.recipients.join(', ')}`}>
                  Delete
                </Button>
              </ActionsTd>
            </>
          )}
        </RowsTable>
      </QueryState>
      {deleting && (
        <Modal title="Delete this schedule?" onClose={() => setDeleting(null)}>
          <p className="text-sm text-slate-600">
            {REPORT_TITLES[deleting.report]} will no longer be emailed to {deleting.recipients.join(', ')}.
          </p>
          <div className="flex justify-end gap-2 pt-4">
            <Button variant="secondary" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}>
              Delete schedule
            </Button>
          </div>
        </Modal>
      )}
    </Card>
  );
}
