import { auditLogsList, dealBudgetsList, dealsList, tasksMine, timeEntriesList, timeEntriesUnmapped } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';
import { fetchAllPages } from '../../lib/all-pages';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * What the dashboard shows, each part only for the roles that may read it: every deal and every
 * entry of the last 30 days (page after page, so the totals are whole), the first page of the
 * review queue (its tile shows `200+` beyond).
 */
export function useDashboardData() {
  const { user } = useAuth();
  const role = user?.role;
  const deals = useQuery({
    queryKey: queryKeys.dashboard.deals,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(dealsList({ query: { limit: 200, cursor }, signal }))),
    enabled: canSee(role, 'deals'),
  });
  const myTasks = useQuery({
    queryKey: queryKeys.dashboard.myTasks,
    queryFn: ({ signal }) => unwrap(tasksMine({ query: { limit: 50 }, signal })),
  });
  const time = useQuery({
    queryKey: queryKeys.dashboard.time,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(timeEntriesList({ query: { limit: 200, date_from: daysAgo(30), cursor }, signal }))),
  });
  const unmapped = useQuery({
    queryKey: queryKeys.dashboard.unmappedCount,
    queryFn: ({ signal }) => unwrap(timeEntriesUnmapped({ query: { limit: 200 }, signal })),
    enabled: can(role, 'review-time'),
  });
  const activity = useQuery({
    queryKey: queryKeys.dashboard.recentActivity,
    queryFn: ({ signal }) => unwrap(auditLogsList({ query: { limit: 8 }, signal })),
    enabled: can(role, 'audit-log'),
  });
  const budgets = useQuery({
    queryKey: queryKeys.deals.budgets,
    queryFn: ({ signal }) => unwrap(dealBudgetsList({ signal })),
    enabled: canSee(role, 'deals'),
  });
  return { deals, myTasks, time, unmapped, activity, budgets };
}
