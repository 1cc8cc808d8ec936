import type { TimesheetDto } from '@clockwork/shared-dto';
import type { Timesheet } from '@clockwork/shared-entities';
import type { TimesheetFigures } from './timesheets.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toTimesheetDto(t: Timesheet, figures?: TimesheetFigures): TimesheetDto {
  return {
    id: t.id,
    user_id: t.userId,
    user_name: figures?.userName ?? null,
    period_start: t.periodStart,
    period_end: t.periodEnd,
    status: t.status,
    comment: t.comment,
    submitted_at: iso(t.submittedAt),
    submitted_by: t.submittedBy,
    decided_at: iso(t.decidedAt),
    decided_by: t.decidedBy,
    total_seconds: figures?.totalSeconds ?? 0,
    by_deal: figures?.byDeal ?? [],
    version: t.version,
    created_at: iso(t.createdAt) as string,
    updated_at: iso(t.updatedAt) as string,
  };
}

/** What the audit rows of a timesheet compare (no figures: those are the entries'). */
export const auditedTimesheet = (t: Timesheet) => ({ status: t.status, comment: t.comment, period_start: t.periodStart, period_end: t.periodEnd, user_id: t.userId });

/** The CSV columns of `GET /timesheets?format=csv`. */
export const TIMESHEET_CSV_COLUMNS: (keyof TimesheetDto)[] = ['id', 'user_id', 'user_name', 'period_start', 'period_end', 'status', 'comment', 'total_seconds', 'submitted_at', 'decided_at', 'decided_by'];
