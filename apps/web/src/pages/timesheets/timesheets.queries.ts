import { timesheetsApprove, timesheetsList, timesheetsPeriod, timesheetsReject, timesheetsReopen, timesheetsSubmit, type TimesheetDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';
import { usePagedQuery } from '../../lib/paged-query';

/** The timesheets section's reads and writes ("My timesheet" and "Approvals"); keys from `queryKeys.timesheets`. */

/** The caller's period holding `date` (YYYY-MM-DD) as a grid, with its timesheet. */
export const useTimesheetPeriod = (date: string) =>
  useQuery({
    queryKey: queryKeys.timesheets.period(null, date),
    queryFn: ({ signal }) => unwrap(timesheetsPeriod({ query: { date }, signal })),
  });

/** Timesheets by status (`submitted`: the approval queue), newest period first. */
export const useTimesheets = (filters: { status: string }) =>
  usePagedQuery(queryKeys.timesheets.list(filters), (cursor, signal) =>
    unwrap(timesheetsList({ query: { status: (filters.status || undefined) as TimesheetDto['status'] | undefined, cursor, limit: 50 }, signal })),
  );

/** Submits the caller's period holding `date`. */
export function useSubmitTimesheet() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (date: string) => unwrap(timesheetsSubmit({ body: { date } })),
    onSuccess: (timesheet) => {
      toast.success(`Submitted the timesheet of ${timesheet.period_start}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timesheets.all });
    },
  });
}

type Decision = { timesheet: TimesheetDto; step: 'approve' | 'reject' | 'reopen'; comment?: string };
const done = { approve: 'Approved', reject: 'Rejected', reopen: 'Reopened' } as const;

/** Approves, rejects (with a comment) or reopens a timesheet; the lists and grids are refetched. */
export function useDecideTimesheet() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ timesheet, step, comment }: Decision) => {
      const path = { id: timesheet.id };
      if (step === 'reject') return unwrap(timesheetsReject({ path, body: { comment: comment ?? '' } }));
      const body = comment ? { comment } : {};
      return unwrap(step === 'approve' ? timesheetsApprove({ path, body }) : timesheetsReopen({ path, body }));
    },
    onSuccess: (timesheet, { step }) => {
      toast.success(`${done[step]} the timesheet of ${timesheet.user_name ?? 'this person'} (${timesheet.period_start})`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timesheets.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeEntries.all });
    },
    onError: (error, { timesheet }) => toast.error(`Could not update the timesheet of ${timesheet.user_name ?? 'this person'}: ${errorMessage(error)}`),
  });
}
