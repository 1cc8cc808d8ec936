import { reportsPipeline, reportsRevenueVsHours, reportsTimePerClient, reportsTimePerDeal, reportsTimePerUser } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
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
