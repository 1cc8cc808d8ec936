import {
  activityReportCounts,
  reportSchedulesCreate,
  reportSchedulesList,
  reportSchedulesPatch,
  reportSchedulesRemove,
  reportsPipeline,
  reportsProfitabilityReport,
  reportsRevenueVsHours,
  reportsTimePerClient,
  reportsTimePerDeal,
  reportsTimePerUser,
  type CreateReportScheduleDto,
  type ReportsProfitabilityReportData,
  type ReportScheduleDto,
} from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { useToast } from '../../components/Toast';
import { queryKeys } from '../../api/query-keys';
import { saveBlob } from '../../lib/download';

export type ReportKind = 'pipeline' | 'time-per-deal' | 'time-per-client' | 'time-per-user' | 'revenue-vs-hours';
export interface ReportQuery {
  date_from?: string;
  date_to?: string;
  group_by?: 'day' | 'week' | 'month';
  account_id?: string;
  owner_id?: string;
}

/** The reports without a period grouping (pipeline groups by stage, revenue by deal). */
export const UNGROUPED_REPORTS: readonly ReportKind[] = ['pipeline', 'revenue-vs-hours'];

/** The API call of each report; pipeline has no period grouping (it groups by stage). */
function call(kind: ReportKind, query: ReportQuery, extra: { format?: 'csv' | 'pdf'; signal?: AbortSignal; parseAs?: 'blob' }) {
  const { group_by, ...common } = query;
  const { signal, parseAs, format } = extra;
  switch (kind) {
    case 'pipeline':
      return reportsPipeline({ query: { ...common, format }, signal, parseAs });
    case 'time-per-deal':
      return reportsTimePerDeal({ query: { ...common, group_by, format }, signal, parseAs });
    case 'time-per-client':
      return reportsTimePerClient({ query: { ...common, group_by, format }, signal, parseAs });
    case 'time-per-user':
      return reportsTimePerUser({ query: { ...common, group_by, format }, signal, parseAs });
    case 'revenue-vs-hours':
      return reportsRevenueVsHours({ query: { ...common, format }, signal, parseAs });
  }
}

export function useReports(query: ReportQuery) {
  const { group_by: _periods, ...ungrouped } = query;
  return {
    pipeline: useQuery({ queryKey: queryKeys.reports.of('pipeline', ungrouped), queryFn: ({ signal }) => unwrap(reportsPipeline({ query: ungrouped, signal })) }),
    perDeal: useQuery({ queryKey: queryKeys.reports.of('time-per-deal', query), queryFn: ({ signal }) => unwrap(reportsTimePerDeal({ query, signal })) }),
    perClient: useQuery({ queryKey: queryKeys.reports.of('time-per-client', query), queryFn: ({ signal }) => unwrap(reportsTimePerClient({ query, signal })) }),
    perUser: useQuery({ queryKey: queryKeys.reports.of('time-per-user', query), queryFn: ({ signal }) => unwrap(reportsTimePerUser({ query, signal })) }),
    revenue: useQuery({ queryKey: queryKeys.reports.of('revenue-vs-hours', ungrouped), queryFn: ({ signal }) => unwrap(reportsRevenueVsHours({ query: ungrouped, signal })) }),
  };
}

/** Downloads a report as CSV or PDF through the client (with the bearer token). */
export async function downloadReport(kind: ReportKind, format: 'csv' | 'pdf', query: ReportQuery): Promise<void> {
  const blob = (await unwrap(call(kind, query, { format, parseAs: 'blob' }) as Promise<{ data?: unknown; error?: unknown; response?: Response }>)) as Blob;
  const range = [query.date_from, query.date_to].filter(Boolean).join('_');
  saveBlob(blob, `${kind}${range ? `-${range}` : ''}.${format}`);
}

export type ProfitabilityQuery = Omit<ReportsProfitabilityReportData['query'], 'format'>;

/** The profitability report (admins and managers): per deal, client or person and currency. */
export const useProfitability = (query: ProfitabilityQuery, enabled = true) =>
  useQuery({ queryKey: queryKeys.reports.of('profitability', query), queryFn: ({ signal }) => unwrap(reportsProfitabilityReport({ query, signal })), enabled });

/** Downloads the profitability report as CSV or PDF through the client. */
export async function downloadProfitability(format: 'csv' | 'pdf', query: ProfitabilityQuery): Promise<void> {
  const blob = (await unwrap(reportsProfitabilityReport({ query: { ...query, format }, parseAs: 'blob' }) as Promise<{ data?: unknown; error?: unknown; response?: Response }>)) as Blob;
  const range = [query.date_from, query.date_to].filter(Boolean).join('_');
  saveBlob(blob, `profitability-${query.group_by}${range ? `-${range}` : ''}.${format}`);
}

/** The caller's scheduled email reports (an admin's: every one of the organization). */
export const useReportSchedules = () => useQuery({ queryKey: queryKeys.reportSchedules.all, queryFn: ({ signal }) => unwrap(reportSchedulesList({ signal })) });

export function useCreateReportSchedule(onDone: (schedule: ReportScheduleDto) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: CreateReportScheduleDto) => unwrap(reportSchedulesCreate({ body })),
    onSuccess: (schedule) => {
      toast.success('Report scheduled');
      void queryClient.invalidateQueries({ queryKey: queryKeys.reportSchedules.all });
      onDone(schedule);
    },
  });
}

/** Pause or resume (PATCH paused) and delete a schedule; errors (e.g. an owner who may no longer run it) as toasts. */
export function useReportScheduleActions() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = () => queryClient.invalidateQueries({ queryKey: queryKeys.reportSchedules.all });
  const setPaused = useMutation({
    mutationFn: ({ schedule, paused }: { schedule: ReportScheduleDto; paused: boolean }) => unwrap(reportSchedulesPatch({ path: { id: schedule.id }, body: { paused } })),
    onSuccess: (s) => toast.success(s.paused ? 'Schedule paused' : 'Schedule resumed'),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: done,
  });
  const remove = useMutation({
    mutationFn: (schedule: ReportScheduleDto) => unwrap(reportSchedulesRemove({ path: { id: schedule.id } })),
    onSuccess: () => toast.success('Schedule deleted'),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: done,
  });
  return { setPaused, remove };
}

export type ActivityGroup = 'user' | 'type' | 'outcome';

/** Calls and meetings counted per user, type or outcome over the page's date range (`date_to` exclusive, as apiDateRange gives it). */
export const useActivityReport = (group: ActivityGroup, range: { date_from?: string; date_to?: string }) =>
  useQuery({
    queryKey: queryKeys.reports.of('activities', { group, ...range }),
    queryFn: ({ signal }) => unwrap(activityReportCounts({ query: { group_by: group, from: range.date_from, to: range.date_to }, signal })),
  });
