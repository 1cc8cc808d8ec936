import { auditLogsList, type AuditLogsListData } from '@clockwork/api-client';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { saveBlob } from '../../lib/download';
import { usePagedQuery } from '../../lib/paged-query';
import { definedOnly } from '../../lib/url-filters';

/** The audit log's reads; keys from `queryKeys.auditLogs`. */

type AuditQuery = NonNullable<AuditLogsListData['query']>;
const apiFilters = (filters: Record<string, string>) => definedOnly(filters) as AuditQuery;

/** Audit rows newest first (the api's order), 50 a page, with the page's filters. */
export const useAuditLogs = (filters: Record<string, string>) =>
  usePagedQuery(queryKeys.auditLogs.list(filters), (cursor, signal) => unwrap(auditLogsList({ query: { ...apiFilters(filters), cursor, limit: 50 }, signal })));

/** Downloads the whole filtered log as CSV through the client (with the bearer token). */
export async function downloadAuditCsv(filters: Record<string, string>): Promise<void> {
  const blob = (await unwrap(auditLogsList({ query: { ...apiFilters(filters), format: 'csv' }, parseAs: 'blob' }) as Promise<{ data?: unknown; error?: unknown; response?: Response }>)) as Blob;
  saveBlob(blob, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
}
