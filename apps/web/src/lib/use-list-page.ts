import { useCallback, useMemo, useState } from 'react';
import type { ListViews } from '../components/saved-views/list-views';
import { useUrlFilters } from './url-filters';
import { useViewUrl } from './use-view-url';

/**
 * The state every list page has: its filters in the address (`?q=acme&owner_id=…`, so a view
 * can be reloaded and shared) and whether the "New …" dialog is open. The rows come from the
 * section's query module (cursor paging with "Load more"), given `values`; `ListPanel` shows them.
 * With `saved` (the list's key, its hideable columns) it also has saved views (`views`, for
 * ListPanel) and visible columns (`isVisible`), both kept in the address.
 */
export function useListPage<K extends string>(filterKeys: readonly K[], saved?: Omit<ListViews, 'filterKeys'>) {
  const filters = useUrlFilters(filterKeys);
  const [creating, setCreating] = useState(false);
  const url = useViewUrl(filterKeys);
  /** For ListPanel's `views`: the "Views" menu (and column chooser) of this list. */
  const views = useMemo<ListViews | undefined>(() => (saved ? { ...saved, filterKeys } : undefined), [saved, filterKeys]);
  /** Whether a column shows (all do unless the address or the applied view says otherwise). */
  const isVisible = useCallback((column: string) => url.columns === null || url.columns.includes(column), [url.columns]);
  return { ...filters, creating, setCreating, views, isVisible };
}
