import { accountingDisconnect, accountingGet, accountingList, accountingStart, type ConnectAccountingDtoWritable } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';

/** The connected accounting system's reads and writes (docs/accounting-exports.md); keys from `queryKeys.accounting`. */

export const PROVIDER = 'generic-oauth' as const;
const path = { provider: PROVIDER };

/** The connection, or null when there is none (the api's 404). */
export const useAccountingConnection = () =>
  useQuery({
    queryKey: queryKeys.accounting.connection(PROVIDER),
    queryFn: ({ signal }) =>
      unwrap(accountingGet({ path, signal })).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
  });

/** The push log (newest 100), refreshed every 15 s while shown. */
export const useAccountingPushes = (enabled: boolean) =>
  useQuery({ queryKey: queryKeys.accounting.pushes(PROVIDER), queryFn: ({ signal }) => unwrap(accountingList({ path, signal })), enabled, refetchInterval: 15_000 });

/** Starts the OAuth connect and sends the browser to the provider's authorization page. */
export const useConnectAccounting = (go: (url: string) => void = (url) => window.location.assign(url)) =>
  useMutation({ mutationFn: (body: ConnectAccountingDtoWritable) => unwrap(accountingStart({ path, body })), onSuccess: (answer) => go(answer.authorize_url) });

export function useDisconnectAccounting(onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => unwrap(accountingDisconnect({ path })),
    onSuccess: () => {
      toast.success('Accounting system disconnected');
      onDone();
    },
    onError: (error) => toast.error(`Could not disconnect: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounting.all }),
  });
}
