import { insightsChurnRisk, insightsDealHealth, insightsLeakage, insightsMappingSuggestions, insightsProbabilities, insightsProbability } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { fetchAllPages } from '../../lib/all-pages';
import { usePagedQuery } from '../../lib/paged-query';

/** Every open deal's win probability (one request for the whole board; cards read it). */
export const useWinProbabilities = (enabled: boolean) =>
  useQuery({ queryKey: queryKeys.insights.probabilities, queryFn: ({ signal }) => unwrap(insightsProbabilities({ signal })), enabled, staleTime: 60_000 });

/** One deal's win probability and its top factors. */
export const useDealWinProbability = (id: string, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.insights.deal(id), queryFn: ({ signal }) => unwrap(insightsProbability({ path: { id }, signal })), enabled });

/** The leakage report of a date range. */
export const useLeakage = (range: { date_from?: string; date_to?: string }, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.insights.leakage(range), queryFn: ({ signal }) => unwrap(insightsLeakage({ query: range, signal })), enabled });

/** Accounts by churn risk, highest first (one account with `account_id`: the account page). */
export const useChurnRisk = (filters: { account_id?: string }, enabled: boolean, limit = 20) =>
  usePagedQuery(queryKeys.insights.churn(filters), (cursor, signal) => unwrap(insightsChurnRisk({ query: { ...filters, cursor, limit }, signal })), enabled);

/** Health signals of every open deal, every page (one read for the whole board; cards read it). */
export const useAllDealHealth = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.insights.health({ all: true }),
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(insightsDealHealth({ query: { cursor, limit: 200 }, signal }))),
    enabled,
    staleTime: 60_000,
  });

/** One open deal's health signals (the deal page); a closed deal has none. */
export const useDealHealth = (dealId: string, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.insights.health({ deal_id: dealId }), queryFn: ({ signal }) => unwrap(insightsDealHealth({ query: { deal_id: dealId }, signal })), enabled });

/** The first page of open deals by their number of health signals, most first (the dashboard's "at risk" panel). */
export const useDealsAtRisk = (enabled: boolean, limit = 10) =>
  useQuery({ queryKey: queryKeys.insights.health({ limit }), queryFn: ({ signal }) => unwrap(insightsDealHealth({ query: { limit }, signal })), enabled });

/** The API's cap of ids per suggestions request. */
const SUGGESTION_IDS_PER_REQUEST = 200;

/** The suggested deal of each entry shown in the review queue (learned from past assignments), 200 ids a request. */
export const useMappingSuggestions = (entryIds: readonly string[], enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.insights.suggestions(entryIds),
    queryFn: async ({ signal }) => {
      const chunks = Array.from({ length: Math.ceil(entryIds.length / SUGGESTION_IDS_PER_REQUEST) }, (_, i) => entryIds.slice(i * SUGGESTION_IDS_PER_REQUEST, (i + 1) * SUGGESTION_IDS_PER_REQUEST));
      const pages = await Promise.all(chunks.map((ids) => unwrap(insightsMappingSuggestions({ query: { entry_ids: ids.join(',') }, signal }))));
      return { decisions: pages[0]?.decisions ?? 0, data: pages.flatMap((p) => p.data) };
    },
    enabled: enabled && entryIds.length > 0,
    staleTime: 30_000,
  });
