import { auditLogsList, dealsList, tasksMine, timeEntriesList, timeEntriesUnmapped } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** What the dashboard shows, each part only for the roles that may read it. */
export function useDashboardData() {
  const { user } = useAuth();
  const role = user?.role;
  const deals = useQuery({
    queryKey: ['deals', 'dashboard'],
    queryFn: ({ signal }) => unwrap(dealsList({ query: { limit: 200 }, signal })),
    enabled: canSee(role, 'deals'),
  });
  const myTasks = useQuery({
    queryKey: ['tasks', 'mine', 'dashboard'],
    queryFn: ({ signal }) => unwrap(tasksMine({ query: { limit: 50 }, signal })),
  });
  const time = useQuery({
    queryKey: ['time-entries', 'dashboard'],
    queryFn: ({ signal }) => unwrap(timeEntriesList({ query: { limit: 200, date_from: daysAgo(30) }, signal })),
  });
  const unmapped = useQuery({
    queryKey: ['time-entries', 'unmapped', 'count'],
    queryFn: ({ signal }) => unwrap(timeEntriesUnmapped({ query: { limit: 200 }, signal })),
    enabled: can(role, 'review-time'),
  });
  const activity = useQuery({
    queryKey: ['audit-logs', 'recent'],
    queryFn: ({ signal }) => unwrap(auditLogsList({ query: { limit: 8 }, signal })),
    enabled: can(role, 'audit-log'),
  });
  return { deals, myTasks, time, unmapped, activity };
}
