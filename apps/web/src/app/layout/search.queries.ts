import { searchFind } from '@clockwork/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';

/** Shorter queries are not sent: one letter matches too much to be useful. */
export const MIN_SEARCH_LENGTH = 2;

/** The command palette's record search (`GET /search`, typo-tolerant, best first); keys from `queryKeys.search`. */
export const useGlobalSearch = (q: string) =>
  useQuery({
    queryKey: queryKeys.search.results(q),
    queryFn: ({ signal }) => unwrap(searchFind({ query: { q, limit: 15 }, signal })),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
