import { useEffect, useMemo, useState } from 'react';
import { definedOnly } from '../../lib/url-filters';

export type BulkKind = 'accounts' | 'contacts' | 'deals' | 'tasks';

/** The records a bulk edit will change: ticked rows, or every record matching the list's filters. */
export interface BulkSelection {
  kind: BulkKind;
  filters: Record<string, string>;
  ids: ReadonlySet<string>;
  /** "Select all matching this filter": the edit names the filter, not the rows loaded. */
  matching: boolean;
  has: (id: string) => boolean;
  toggle: (id: string) => void;
  /** Ticks every loaded row, or unticks them all when they all are. */
  toggleAll: (rowIds: string[]) => void;
  selectMatching: () => void;
  clear: () => void;
}

/** A list page's selection; changing the filters clears it (it would no longer be what is shown). */
export function useBulkSelection(kind: BulkKind, filters: Record<string, string>): BulkSelection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [matching, setMatching] = useState(false);
  const filterKey = JSON.stringify(definedOnly(filters));
  useEffect(() => {
    setIds(new Set());
    setMatching(false);
  }, [filterKey]);
  return useMemo(
    () => ({
      kind,
      filters: definedOnly(filters) as Record<string, string>,
      ids,
      matching,
      has: (id) => matching || ids.has(id),
      toggle: (id) => {
        setMatching(false);
        setIds((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
      },
      toggleAll: (rowIds) => {
        const all = matching || (rowIds.length > 0 && rowIds.every((id) => ids.has(id)));
        setMatching(false);
        setIds(all ? new Set() : new Set(rowIds));
      },
      selectMatching: () => setMatching(true),
      clear: () => {
        setMatching(false);
        setIds(new Set());
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kind, filterKey, ids, matching],
  );
}
