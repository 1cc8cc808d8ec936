import { dealBudgetsGet, dealBudgetsList, dealsCreate, dealsGet, dealsList, dealsPatch, dealsTime, type CreateDealDto, type DealDto, type PatchDealDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { stageLabels, type DealStage } from '../../components/badges';
import { useToast } from '../../components/Toast';
import { fetchAllPages } from '../../lib/all-pages';
import { definedOnly } from '../../lib/url-filters';

/** The deals section's reads and writes; keys from `queryKeys.deals`. */

/** Every deal matching the board's filters (page after page: the board is never cut short). */
export function useDealsBoard(filters: Record<string, string>) {
  return useQuery({
    queryKey: queryKeys.deals.board(filters),
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(dealsList({ query: { ...definedOnly(filters), cursor, limit: 200 }, signal }))),
  });
}

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
  stage: DealStage;
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
    mutationFn: ({ deal, stage }: Move) => unwrap(dealsPatch({ path: { id: deal.id }, body: { stage }, headers: { 'If-Match': `"${deal.version}"` } })),
    onMutate: async ({ deal, stage }) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const previous = queryClient.getQueryData<{ data: DealDto[] }>(boardKey);
      replace(deal.id, (d) => ({ ...d, stage }));
      return { previous };
    },
    onError: (error, { deal, stage }, context) => {
      if (context?.previous) queryClient.setQueryData(boardKey, context.previous);
      toast.error(`Could not move "${deal.name}" to ${stageLabels[stage]}: ${errorMessage(error)}`);
    },
    onSuccess: (saved) => {
      replace(saved.id, () => saved);
      toast.success(`"${saved.name}" moved to ${stageLabels[saved.stage]}`);
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
