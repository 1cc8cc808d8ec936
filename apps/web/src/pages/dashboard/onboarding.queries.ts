import { demoDataLoad, demoDataStatus, onboardingDismiss, onboardingStatus } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';

/** The getting-started checklist, each step's `done` computed by the api from the organization's data. */
export const useOnboarding = (enabled: boolean) =>
  useQuery({ queryKey: queryKeys.onboarding.all, queryFn: ({ signal }) => unwrap(onboardingStatus({ signal })), enabled });

/** Dismisses the checklist for the whole organization (`POST /onboarding/dismiss`). */
export function useDismissOnboarding() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => unwrap(onboardingDismiss({ body: {} })),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.onboarding.all, status),
    onError: (error) => toast.error(`Could not dismiss the checklist: ${errorMessage(error)}`),
  });
}

/**
 * Whether the sample data can be loaded here; `null` when the server does not offer it (404 in
 * production without DEMO_DATA_ENABLED): the offer is then simply not shown.
 */
export const useDemoDataStatus = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.demoData.all,
    queryFn: async ({ signal }) => {
      try {
        return await unwrap(demoDataStatus({ signal }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
  });

/** `POST /demo-data`; on success every query of the app is refreshed (the whole organization changed). */
export function useLoadDemoData() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => unwrap(demoDataLoad({ body: {} })),
    onSuccess: (result) => {
      const { created } = result;
      toast.success(
        result.status === 'loaded'
          ? `Sample data loaded: ${created.accounts} accounts, ${created.deals} deals, ${created.time_entries} time entries and an issued invoice.`
          : 'The sample data is already there.',
      );
      return queryClient.invalidateQueries();
    },
    onError: (error) => toast.error(`Could not load the sample data: ${errorMessage(error)}`),
  });
}
