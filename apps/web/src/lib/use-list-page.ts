import { useState } from 'react';
import { useUrlFilters } from './url-filters';

/**
 * The state every list page has: its filters in the address (`?q=acme&owner_id=…`, so a view
 * can be reloaded and shared) and whether the "New …" dialog is open. The rows come from the
 * section's query module (cursor paging with "Load more"), given `values`; `ListPanel` shows them.
 */
export function useListPage<K extends string>(filterKeys: readonly K[]) {
  const filters = useUrlFilters(filterKeys);
  const [creating, setCreating] = useState(false);
  return { ...filters, creating, setCreating };
}
