import { notificationsList, notificationsRead, notificationsReadAll, notificationsUnreadCount, type NotificationDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';

/** The bell's reads and writes; keys from `queryKeys.notifications`. */

export const UNREAD_POLL_MS = 30_000;

/** The unread count, polled every 30 s. */
export const useUnreadCount = () =>
  useQuery({ queryKey: queryKeys.notifications.unread, queryFn: ({ signal }) => unwrap(notificationsUnreadCount({ signal })), refetchInterval: UNREAD_POLL_MS });

/** The latest notifications, read while the bell is open. */
export const useLatestNotifications = (open: boolean) =>
  useQuery({ queryKey: queryKeys.notifications.list, queryFn: ({ signal }) => unwrap(notificationsList({ query: { limit: 15 }, signal })), enabled: open });

export function useNotificationMutations() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
  const markRead = useMutation({ mutationFn: (n: NotificationDto) => unwrap(notificationsRead({ path: { id: n.id } })), onSettled: refresh });
  const readAll = useMutation({
    mutationFn: () => unwrap(notificationsReadAll()),
    onError: (error) => toast.error(`Could not mark notifications read: ${errorMessage(error)}`),
    onSettled: refresh,
  });
  return { markRead, readAll };
}
