import { dealBillingBalance, dealBillingCreate, dealBillingList, dealBillingReach, dealBillingRemove, dealBillingUpdate, dealBudgetsGet, dealBudgetsList, dealsCreate, dealsGet, dealsList, dealsPatch, dealsTime, type CreateDealDto, type CreateDealMilestoneDto, type DealDto, type DealMilestoneDto, type PatchDealDto, type PatchDealMilestoneDto, pipelinesList, type PipelineStageDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';
import { fetchAllPages } from '../../lib/all-pages';
import { definedOnly } from '../../lib/url-filters';

/** The deals section's reads and writes; keys from `queryKeys.deals`. */

/** Every deal matching the board's filters (page after page: the board is never cut short). */
export function useDealsBoard(filters: Record<string, string>, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.deals.board(filters),
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(dealsList({ query: { ...definedOnly(filters), cursor, limit: 200 }, signal }))),
  });
}

/** Every pipeline with its stages (the default first): the board's columns and the deal form's stage select. */
export const usePipelines = () => useQuery({ queryKey: queryKeys.pipelines.all, queryFn: ({ signal }) => unwrap(pipelinesList({ signal })) });

export const useDeal = (id: string) => useQuery({ queryKey: queryKeys.deals.detail(id), queryFn: ({ signal }) => unwrap(dealsGet({ path: { id }, signal })) });

/** A deal's total time of everyone (names no one: for roles that see only their own entries). */
export const useDealTime = (id: string, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.deals.time(id), queryFn: ({ signal }) => unwrap(dealsTime({ path: { id }, signal })), enabled });

/** The deals of an account (an account's or a contact's page). */
export const useDealsOfAccount = (accountId: string | null, enabled = true) =>
  useQuery({
    queryKey: queryKeys.deals.byAccount(accountId),
    queryFn: ({ signal }) => unwrap(dealsList({ query: { account_id: accountId ?? '', limit: 100 }, signal })),
    enabled: !!accountId && enabled,
  });

export function useCreateDeal(onDone: (deal: DealDto) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: CreateDealDto) => unwrap(dealsCreate({ body })),
    onSuccess: (deal) => {
      toast.success(`${deal.name} created`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.deals.all });
      onDone(deal);
    },
  });
}

interface Move {
  deal: DealDto;
  stage: PipelineStageDto;
}

/**
 * Moves a deal to another stage: the board shows the move at once, the API is asked with the
 * version the board showed (If-Match), and a refusal puts the card back with a message.
 */
export function useMoveDeal(filters: Record<string, string>) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const boardKey = queryKeys.deals.board(filters);
  const replace = (id: string, update: (deal: DealDto) => DealDto) =>
    queryClient.setQueryData<{ data: DealDto[] }>(boardKey, (page) => page && { ...page, data: page.data.map((d) => (d.id === id ? update(d) : d)) });

  return useMutation({
    mutationFn: ({ deal, stage }: Move) => unwrap(dealsPatch({ path: { id: deal.id }, body: { stage: stage.key }, headers: { 'If-Match': `"${deal.version}"` } })),
    onMutate: async ({ deal, stage }) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const previous = queryClient.getQueryData<{ data: DealDto[] }>(boardKey);
      replace(deal.id, (d) => ({ ...d, stage: stage.key }));
      return { previous };
    },
    onError: (error, { deal, stage }, context) => {
      if (context?.previous) queryClient.setQueryData(boardKey, context.previous);
      toast.error(`Could not move "${deal.name}" to ${stage.name}: ${errorMessage(error)}`);
    },
    onSuccess: (saved, { stage }) => {
      replace(saved.id, () => saved);
      toast.success(`"${saved.name}" moved to ${stage.name}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deals.all, refetchType: 'inactive' }),
  });
}

/** A deal's budgets and their burn in the current period. */
export const useDealBudget = (id: string) => useQuery({ queryKey: queryKeys.deals.budget(id), queryFn: ({ signal }) => unwrap(dealBudgetsGet({ path: { id }, signal })) });

/** Every open deal with a budget and its burn (the board's bars, the dashboard's budgets at risk). */
export const useDealBudgets = () => useQuery({ queryKey: queryKeys.deals.budgets, queryFn: ({ signal }) => unwrap(dealBudgetsList({ signal })) });

/** Sets a deal's budgets (PATCH hours_budget, money_budget, budget_period). */
export function useSetDealBudget(deal: DealDto) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: Pick<PatchDealDto, 'hours_budget' | 'money_budget' | 'budget_period'>) => unwrap(dealsPatch({ path: { id: deal.id }, body })),
    onSuccess: () => toast.success('Budget saved'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deals.all }),
  });
}

/** A retainer deal's hours this month (included, rolled over, used, left, overage). */
export const useRetainerBalance = (id: string) => useQuery({ queryKey: queryKeys.deals.retainerBalance(id), queryFn: ({ signal }) => unwrap(dealBillingBalance({ path: { id }, query: {}, signal })) });

/** Sets how a deal bills (PATCH billing_model and, for a retainer, its terms; the api clears the terms of another model). */
export function useSetBillingModel(deal: DealDto) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: Pick<PatchDealDto, 'billing_model' | 'retainer'>) => unwrap(dealsPatch({ path: { id: deal.id }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.deals.detail(saved.id), saved);
      toast.success('Billing model saved');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deals.all }),
  });
}

/** A fixed-fee deal's milestones, by due date. */
export const useMilestones = (dealId: string) => useQuery({ queryKey: queryKeys.deals.milestones(dealId), queryFn: ({ signal }) => unwrap(dealBillingList({ path: { id: dealId }, signal })) });

export type MilestoneWrite =
  | { kind: 'create'; body: CreateDealMilestoneDto }
  | { kind: 'update'; milestone: DealMilestoneDto; body: PatchDealMilestoneDto }
  | { kind: 'reach'; milestone: DealMilestoneDto }
  | { kind: 'delete'; milestone: DealMilestoneDto };

const milestoneDone = (w: MilestoneWrite, saved: DealMilestoneDto | undefined) =>
  w.kind === 'create' ? `Milestone "${saved?.name}" added` : w.kind === 'update' ? `Milestone "${saved?.name}" saved` : w.kind === 'reach' ? `Milestone "${w.milestone.name}" reached` : `Milestone "${w.milestone.name}" deleted`;

/** Adds, changes, reaches or deletes a milestone (managers and admins); the list is refetched after each. */
export function useMilestoneWrite(dealId: string, onDone?: (write: MilestoneWrite) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: async (w: MilestoneWrite): Promise<DealMilestoneDto | undefined> => {
      const path = { id: dealId };
      if (w.kind === 'create') return unwrap(dealBillingCreate({ path, body: w.body }));
      const one = { ...path, milestoneId: w.milestone.id };
      if (w.kind === 'update') return unwrap(dealBillingUpdate({ path: one, body: w.body }));
      if (w.kind === 'reach') return unwrap(dealBillingReach({ path: one, body: {} }));
      await unwrap(dealBillingRemove({ path: one }));
      return undefined;
    },
    onSuccess: (saved, w) => {
      toast.success(milestoneDone(w, saved));
      onDone?.(w);
    },
    onError: (error, w) => {
      // create and update show their errors on the form's fields; reach and delete say so here
      if (w.kind === 'reach' || w.kind === 'delete') toast.error(`Could not ${w.kind === 'reach' ? 'mark the milestone reached' : 'delete the milestone'}: ${errorMessage(error)}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.deals.milestones(dealId) }),
  });
}
