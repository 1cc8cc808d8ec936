import {
  apiKeysCreate,
  apiKeysList,
  apiKeysRevoke,
  budgetThresholdsGet,
  budgetThresholdsPut,
  costRatesCreate,
  costRatesList,
  costRatesRemove,
  exchangeRatesCreate,
  exchangeRatesList,
  exchangeRatesRemove,
  invitationsCreate,
  invitationsList,
  invitationsRevoke,
  organizationSettingsGet,
  organizationSettingsUpdate,
  pipelinesAddStage,
  pipelinesCreate,
  pipelinesPatch,
  pipelinesPatchStage,
  pipelinesRemove,
  pipelinesRemoveStage,
  pipelinesReorder,
  ratesCreate,
  ratesList,
  ratesRemove,
  retentionPoliciesDryRun,
  retentionPoliciesList,
  retentionPoliciesPut,
  retentionPoliciesRemove,
  ssoConfigGet,
  ssoConfigPut,
  unlinkedEmployeesList,
  usersList,
  usersUpdate,
  type AddPipelineStageDto,
  type CostRateDto,
  type CreatePipelineDto,
  type PatchPipelineDto,
  type PatchPipelineStageDto,
  type CreateApiKeyDto,
  type CreateCostRateDto,
  type CreateExchangeRateDto,
  type ExchangeRateDto,
  type CreatedApiKeyDto,
  type CreateInvitationDto,
  type CreateRateDto,
  type InvitationDto,
  type UpdateOrganizationSettingsDto,
  type PutSsoConfigDto,
  type RateDto,
  type RetentionPolicyDto,
  type UserDto,
} from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import type { Role } from '../../auth/permissions';
import { useToast } from '../../components/Toast';
import { fetchAllPages } from '../../lib/all-pages';
import { usePagedQuery } from '../../lib/paged-query';

/** The settings section's reads and writes (people, invitations, API keys, rates, retention, single sign-on); keys from `queryKeys`. */

/** Every person of the organization (page after page: no cap). */
export const useSettingsUsers = () =>
  useQuery({ queryKey: queryKeys.users.settings, queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(usersList({ query: { limit: 200, cursor }, signal }))) });

export function useUpdateUser() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ user, body }: { user: UserDto; body: { role?: Role; is_active?: boolean } }) => unwrap(usersUpdate({ path: { id: user.id }, body })),
    onSuccess: (user) => toast.success(`${user.name} updated`),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}

/** Employee ids of stored time entries that no user is linked to, newest last seen first ("Load more"). */
export const useUnlinkedEmployees = (enabled: boolean) =>
  usePagedQuery(queryKeys.timeEntries.unlinkedEmployees, (cursor, signal) => unwrap(unlinkedEmployeesList({ query: { limit: 50, cursor }, signal })), enabled);

/**
 * Links a user to a productivity employee id (or clears it with null). The api gives the user the
 * employee's earlier entries that had no user, so users and time entries are refreshed.
 */
export function useLinkEmployee(onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ user, employeeId }: { user: UserDto; employeeId: string | null }) => unwrap(usersUpdate({ path: { id: user.id }, body: { linked_employee_id: employeeId } })),
    onSuccess: (user) => {
      toast.success(user.linked_employee_id ? `${user.name} linked to ${user.linked_employee_id}` : `${user.name} no longer linked to an employee id`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeEntries.all });
      onDone();
    },
  });
}

export const useInvitations = () => useQuery({ queryKey: queryKeys.invitations.all, queryFn: ({ signal }) => unwrap(invitationsList({ signal })) });

export function useInvite(onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: CreateInvitationDto) => unwrap(invitationsCreate({ body })),
    onSuccess: (invitation) => {
      toast.success(`Invitation sent to ${invitation.email}`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.invitations.all });
      onDone();
    },
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (invitation: InvitationDto) => unwrap(invitationsRevoke({ path: { id: invitation.id } })).then(() => invitation),
    onSuccess: (invitation) => toast.success(`Invitation of ${invitation.email} revoked`),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations.all }),
  });
}

export const useApiKeys = () => useQuery({ queryKey: queryKeys.apiKeys.all, queryFn: ({ signal }) => unwrap(apiKeysList({ signal })) });

export function useCreateApiKey(onCreated: (key: CreatedApiKeyDto) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyDto) => unwrap(apiKeysCreate({ body })),
    onSuccess: (key) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.all });
      onCreated(key);
    },
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (id: string) => unwrap(apiKeysRevoke({ path: { id } })),
    onSuccess: () => toast.success('Key revoked'),
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.all }),
  });
}

/** Every hourly rate (page after page: no cap). */
export const useRates = () =>
  useQuery({ queryKey: queryKeys.rates.all, queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(ratesList({ query: { limit: 200, cursor }, signal }))) });

export function useRateMutations() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = () => queryClient.invalidateQueries({ queryKey: queryKeys.rates.all });
  const create = useMutation({ mutationFn: (body: CreateRateDto) => unwrap(ratesCreate({ body })), onSuccess: () => toast.success('Rate added'), onSettled: done });
  const remove = useMutation({
    mutationFn: (rate: RateDto) => unwrap(ratesRemove({ path: { id: rate.id } })),
    onError: (error) => toast.error(`Could not delete the rate: ${errorMessage(error)}`),
    onSettled: done,
  });
  return { create, remove };
}

/** Every cost rate (page after page: no cap); admins and managers only. */
export const useCostRates = () =>
  useQuery({ queryKey: queryKeys.costRates.all, queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(costRatesList({ query: { limit: 200, cursor }, signal }))) });

export function useCostRateMutations() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.costRates.all }), queryClient.invalidateQueries({ queryKey: queryKeys.reports.all })]);
  const create = useMutation({ mutationFn: (body: CreateCostRateDto) => unwrap(costRatesCreate({ body })), onSuccess: () => toast.success('Cost rate added'), onSettled: done });
  const remove = useMutation({
    mutationFn: (rate: CostRateDto) => unwrap(costRatesRemove({ path: { id: rate.id } })),
    onSuccess: () => toast.success('Cost rate deleted'),
    onError: (error) => toast.error(`Could not delete the cost rate: ${errorMessage(error)}`),
    onSettled: done,
  });
  return { create, remove };
}

/** The organization's budget alert thresholds (percent). */
export const useBudgetThresholds = () => useQuery({ queryKey: queryKeys.budgetThresholds.all, queryFn: ({ signal }) => unwrap(budgetThresholdsGet({ signal })) });

export function useSetBudgetThresholds() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (thresholds: number[]) => unwrap(budgetThresholdsPut({ body: { thresholds } })),
    onSuccess: (saved) => toast.success(`Budget alerts at ${saved.thresholds.join(', ')} %`),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.budgetThresholds.all }), queryClient.invalidateQueries({ queryKey: queryKeys.deals.all })]),
  });
}

/** Every stored exchange rate (page after page: no cap), newest day first. */
export const useExchangeRates = () =>
  useQuery({
    queryKey: queryKeys.exchangeRates.all,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(exchangeRatesList({ query: { limit: 200, cursor, sort: 'rate_date:desc' }, signal }))),
  });

export function useExchangeRateMutations() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = () => queryClient.invalidateQueries({ queryKey: queryKeys.exchangeRates.all });
  const create = useMutation({
    mutationFn: (body: CreateExchangeRateDto) => unwrap(exchangeRatesCreate({ body })),
    onSuccess: (x) => toast.success(`Exchange rate ${x.base_currency}→${x.quote_currency} of ${x.rate_date} added`),
    onSettled: done,
  });
  const remove = useMutation({
    mutationFn: (rate: ExchangeRateDto) => unwrap(exchangeRatesRemove({ path: { id: rate.id } })),
    onSuccess: () => toast.success('Exchange rate deleted'),
    onError: (error) => toast.error(`Could not delete the exchange rate: ${errorMessage(error)}`),
    onSettled: done,
  });
  return { create, remove };
}

export const useRetentionPolicies = () => useQuery({ queryKey: queryKeys.retentionPolicies.all, queryFn: ({ signal }) => unwrap(retentionPoliciesList({ signal })) });

export const useRetentionDryRun = () => useMutation({ mutationFn: () => unwrap(retentionPoliciesDryRun()) });

/** Saves or removes the retention policy of one kind of record; `label` names it in the toasts. */
export function useRetentionPolicyMutations(kind: RetentionPolicyDto['kind'], label: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = () => queryClient.invalidateQueries({ queryKey: queryKeys.retentionPolicies.all });
  const save = useMutation({
    mutationFn: (body: { keep_months: number; action: 'delete' | 'anonymize' }) => unwrap(retentionPoliciesPut({ path: { kind }, body })),
    onSuccess: () => toast.success(`${label}: retention saved`),
    onSettled: done,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(retentionPoliciesRemove({ path: { kind } })),
    onSuccess: () => toast.success(`${label}: kept forever`),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: done,
  });
  return { save, remove };
}

/** The organization's SSO provider; `null` while none is configured (the API answers 404). */
export const useSsoConfig = () =>
  useQuery({
    queryKey: queryKeys.ssoConfig.all,
    queryFn: ({ signal }) =>
      unwrap(ssoConfigGet({ signal })).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
  });

export function useSaveSsoConfig() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: PutSsoConfigDto) => unwrap(ssoConfigPut({ body })),
    onSuccess: (config) => {
      queryClient.setQueryData(queryKeys.ssoConfig.all, config);
      toast.success('Single sign-on saved');
    },
  });
}

/** The organization's timesheet period, whether invoices take approved time only, and its time zone. */
export const useOrganizationSettings = () => useQuery({ queryKey: queryKeys.organizationSettings.all, queryFn: ({ signal }) => unwrap(organizationSettingsGet({ signal })) });

/** PATCH /organization/settings; `done` is the toast. A new time zone changes retainer balances, so the deals are refetched. */
export function useSaveOrganizationSettings(done = 'Saved the timesheet settings') {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: UpdateOrganizationSettingsDto) => unwrap(organizationSettingsUpdate({ body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.organizationSettings.all, saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timesheets.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.deals.all });
      toast.success(done);
    },
  });
}

/** One write of Settings → Pipelines: a toast, then the pipelines and the deals refreshed (a stage deleted with move_to moves deals). */
function usePipelineWrite<A>(run: (args: A) => Promise<unknown>, done: (args: A) => string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: run,
    onSuccess: (_saved, args) => toast.success(done(args)),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.pipelines.all }), queryClient.invalidateQueries({ queryKey: queryKeys.deals.all })]),
  });
}

/** The writes of Settings → Pipelines (the list itself is the deals section's `usePipelines`). */
export function usePipelineWrites() {
  return {
    create: usePipelineWrite((body: CreatePipelineDto) => unwrap(pipelinesCreate({ body })), (b) => `Pipeline ${b.name} created`),
    patch: usePipelineWrite(({ id, body }: { id: string; body: PatchPipelineDto }) => unwrap(pipelinesPatch({ path: { id }, body })), () => 'Pipeline saved'),
    remove: usePipelineWrite(({ id }: { id: string; name: string }) => unwrap(pipelinesRemove({ path: { id } })), ({ name }) => `Pipeline ${name} deleted`),
    addStage: usePipelineWrite(({ id, body }: { id: string; body: AddPipelineStageDto }) => unwrap(pipelinesAddStage({ path: { id }, body })), ({ body }) => `Stage ${body.name} added`),
    patchStage: usePipelineWrite(({ id, key, body }: { id: string; key: string; body: PatchPipelineStageDto }) => unwrap(pipelinesPatchStage({ path: { id, key }, body })), () => 'Stage saved'),
    removeStage: usePipelineWrite(
      ({ id, key, moveTo }: { id: string; key: string; name: string; moveTo?: string }) => unwrap(pipelinesRemoveStage({ path: { id, key }, query: moveTo ? { move_to: moveTo } : {} })),
      ({ name }) => `Stage ${name} deleted`,
    ),
    reorder: usePipelineWrite(({ id, keys }: { id: string; keys: string[] }) => unwrap(pipelinesReorder({ path: { id }, body: { keys } })), () => 'Stages reordered'),
  };
}
