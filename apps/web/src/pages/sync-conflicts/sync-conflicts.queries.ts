import { syncConflictsList, syncConflictsResolve, type SyncConflictDto, type SyncConflictPageDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';
import { usePagedQuery } from '../../lib/paged-query';

/** The sync conflicts section's reads and writes; keys from `queryKeys.syncConflicts`. */

/** How many unresolved conflicts the nav badge counts at most (one page; more shows "99+"). */
export const UNRESOLVED_COUNT_LIMIT = 99;
export const UNRESOLVED_POLL_MS = 60_000;

/** The URL's `status` filter: empty (the default) is "still to review". */
export type ConflictStatus = '' | 'resolved' | 'all';
const resolvedParam = (status: string): boolean | undefined => (status === 'all' ? undefined : status === 'resolved');

export const useSyncConflicts = (filters: { status: string; record_type: string }) =>
  usePagedQuery(queryKeys.syncConflicts.list(filters), (cursor, signal) =>
    unwrap(
      syncConflictsList({
        query: { resolved: resolvedParam(filters.status), record_type: (filters.record_type || undefined) as SyncConflictDto['record_type'] | undefined, cursor, limit: 50 },
        signal,
      }),
    ),
  );

/** The nav badge's count: one small page of unresolved conflicts, polled every minute. */
export const useUnresolvedConflictCount = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.syncConflicts.unresolvedCount,
    queryFn: async ({ signal }) => {
      const page = await unwrap(syncConflictsList({ query: { resolved: false, limit: UNRESOLVED_COUNT_LIMIT }, signal }));
      return { count: page.data.length, more: page.next_cursor !== null };
    },
    enabled,
    refetchInterval: UNRESOLVED_POLL_MS,
  });

/**
 * Keeps one side of a conflict. The resolved conflict replaces its row in the loaded lists (so
 * it stays in view, showing what was kept, until the list is reloaded), the badge's count is
 * refetched, and the task or deal it changed is refreshed.
 */
export function useResolveConflict() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ conflict, keep }: { conflict: SyncConflictDto; keep: 'crm' | 'remote' }) => unwrap(syncConflictsResolve({ path: { id: conflict.id }, body: { keep } })),
    onSuccess: (resolved) => {
      queryClient.setQueriesData<InfiniteData<SyncConflictPageDto>>({ queryKey: queryKeys.syncConflicts.lists }, (data) =>
        data ? { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.map((c) => (c.id === resolved.id ? resolved : c)) })) } : data,
      );
      toast.success(`Kept the ${resolved.resolution === 'crm' ? 'CRM' : 'platform'} value of ${resolved.field}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncConflicts.unresolvedCount });
      void queryClient.invalidateQueries({ queryKey: { task: queryKeys.tasks.all, deal: queryKeys.deals.all, time_entry: queryKeys.timeEntries.all }[resolved.record_type] });
    },
    onError: (error, { conflict }) => {
      toast.error(`Could not resolve the ${conflict.field} conflict: ${errorMessage(error)}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncConflicts.all });
    },
  });
}
