import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** A cursor-paginated list: the rows loaded so far and "load more". */
export function usePagedQuery<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
  const rows = query.data?.pages.flatMap((page) => page.data) ?? [];
  return { ...query, rows };
}
