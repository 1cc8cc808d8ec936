import type { ReportName } from '@clockwork/shared-dto';

/** What an export and a schedule both are: a report, with its params, asked for by a user. */
export interface ReportRequestRow {
  id: string;
  userId: string;
  report: string;
  params: Record<string, unknown>;
}

/** The fields an export's and a schedule's DTO begin with. */
export function reportRequestFields(r: ReportRequestRow): { id: string; user_id: string; report: ReportName; params: Record<string, unknown> } {
  return { id: r.id, user_id: r.userId, report: r.report as ReportName, params: r.params };
}
