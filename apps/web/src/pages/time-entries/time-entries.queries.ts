import {
  mappingLearningDismissSuggestedRule,
  mappingLearningRulePrecision,
  mappingLearningSuggestedRules,
  mappingLearningUndoAutoApplied,
  mappingRulesCreate,
  mappingRulesList,
  mappingRulesPatch,
  mappingRulesRemove,
  timeEntriesAssign,
  timeEntriesBulkAssign,
  timeEntriesList,
  timeEntriesUnmapped,
  type MappingRuleDto,
  type PatchMappingRuleDto,
  type RuleFromAssignmentDto,
  type SuggestedRuleDto,
  type TimeEntriesListData,
  type TimeEntryDto,
} from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';
import { fetchAllPages } from '../../lib/all-pages';
import { usePagedQuery } from '../../lib/paged-query';

/** The time-entries section's reads and writes (entries, review queue, mapping rules); keys from `queryKeys`. */

type EntryFilters = NonNullable<TimeEntriesListData['query']>;

export const useTimeEntries = (filters: EntryFilters) =>
  usePagedQuery(queryKeys.timeEntries.list(filters), (cursor, signal) => unwrap(timeEntriesList({ query: { ...filters, cursor, limit: 100 }, signal })));

/** The review queue: entries no rule could map. */
export const useUnmappedEntries = (filters: Record<string, string>) =>
  usePagedQuery(queryKeys.timeEntries.unmapped(filters), (cursor, signal) => unwrap(timeEntriesUnmapped({ query: { ...filters, cursor, limit: 50 }, signal })));

/** Every entry on a deal (the caller's own for roles that read only their own time). */
export const useTimeEntriesOfDeal = (dealId: string) =>
  useQuery({
    queryKey: queryKeys.timeEntries.byDeal(dealId),
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(timeEntriesList({ query: { deal_id: dealId, cursor, limit: 200 }, signal }))),
  });

/** Every entry on an account's deals, for its hour totals. */
export const useTimeEntriesOfAccount = (accountId: string) =>
  useQuery({
    queryKey: queryKeys.timeEntries.byAccount(accountId),
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(timeEntriesList({ query: { account_id: accountId, cursor, limit: 200 }, signal }))),
  });

export interface Assignment {
  entry: TimeEntryDto;
  dealId: string;
  rule?: RuleFromAssignmentDto;
}

/** Assigns one entry to a deal (and saves a rule from it when asked). */
export function useAssignEntry(onAssigned: (entry: TimeEntryDto, assignment: Assignment) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ entry, dealId, rule }: Assignment) => unwrap(timeEntriesAssign({ path: { id: entry.id }, body: { deal_id: dealId, ...(rule ? { create_rule: rule } : {}) } })),
    onSuccess: (entry, assignment) => {
      onAssigned(entry, assignment);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeEntries.all });
      // A decision teaches the suggestions of the entries still in the queue.
      void queryClient.invalidateQueries({ queryKey: queryKeys.insights.suggestionsAll });
      if (assignment.rule) void queryClient.invalidateQueries({ queryKey: queryKeys.mappingRules.all });
    },
    onError: (error) => toast.error(`Could not assign the entry: ${errorMessage(error)}`),
  });
}

/** Assigns a selection of entries to one deal. */
export function useBulkAssignEntries(onAssigned: (updated: number, dealId: string) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ ids, dealId }: { ids: string[]; dealId: string }) => unwrap(timeEntriesBulkAssign({ body: { ids, deal_id: dealId } })),
    onSuccess: (result, { dealId }) => {
      onAssigned(result.updated, dealId);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeEntries.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.insights.suggestionsAll });
    },
    onError: (error) => toast.error(`Could not assign the entries: ${errorMessage(error)}`),
  });
}

/** Every mapping rule of the organization, by priority. */
export const useMappingRules = () =>
  useQuery({
    queryKey: queryKeys.mappingRules.all,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(mappingRulesList({ query: { limit: 200, sort: 'priority:asc', cursor }, signal }))),
  });

export function usePatchMappingRule() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: MappingRuleDto; body: PatchMappingRuleDto }) => unwrap(mappingRulesPatch({ path: { id: rule.id }, body, headers: { 'If-Match': String(rule.version) } })),
    onSuccess: (rule) => toast.success(`Rule “${rule.name}” saved`),
    onError: (error) => toast.error(`Could not save the rule: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.mappingRules.all }),
  });
}

export function useRemoveMappingRule() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (rule: MappingRuleDto) => unwrap(mappingRulesRemove({ path: { id: rule.id } })),
    onSuccess: (_, rule) => toast.success(`Rule “${rule.name}” deleted`),
    onError: (error) => toast.error(`Could not delete the rule: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.mappingRules.all }),
  });
}

/** Each rule's precision: of the entries it mapped, those still where it put them. */
export const useRulePrecision = () => useQuery({ queryKey: queryKeys.insights.rulePrecision, queryFn: ({ signal }) => unwrap(mappingLearningRulePrecision({ signal })) });

/** Rules people keep making by hand (N = 5 decisions by default). */
export const useSuggestedRules = () => useQuery({ queryKey: queryKeys.insights.suggestedRules, queryFn: ({ signal }) => unwrap(mappingLearningSuggestedRules({ signal })) });

/** Creates the suggested rule through POST /mapping-rules (audited, re-maps the review queue). */
export function useCreateSuggestedRule() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (s: SuggestedRuleDto) => unwrap(mappingRulesCreate({ body: s.rule })),
    onSuccess: (rule) => toast.success(`Rule “${rule.name}” created`),
    onError: (error) => toast.error(`Could not create the rule: ${errorMessage(error)}`),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.mappingRules.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.insights.suggestedRules });
      void queryClient.invalidateQueries({ queryKey: queryKeys.insights.rulePrecision });
    },
  });
}

export function useDismissSuggestedRule() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (s: SuggestedRuleDto) => unwrap(mappingLearningDismissSuggestedRule({ body: { kind: s.kind, value: s.value, deal_id: s.deal_id } })),
    onError: (error) => toast.error(`Could not dismiss the suggestion: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.insights.suggestedRules }),
  });
}

/** Puts an auto-applied entry back into the review queue. */
export function useUndoAutoApplied() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (entry: TimeEntryDto) => unwrap(mappingLearningUndoAutoApplied({ path: { id: entry.id } })),
    onSuccess: () => toast.success('Back in the review queue'),
    onError: (error) => toast.error(`Could not undo: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.timeEntries.all }),
  });
}
