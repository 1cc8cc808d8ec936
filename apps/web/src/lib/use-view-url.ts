import type { SavedViewDto } from '@clockwork/api-client';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The address parameter of the applied saved view, and of the visible columns (comma-separated). */
export const VIEW_PARAM = 'view';
export const COLUMNS_PARAM = 'columns';

/**
 * A list page's saved view in its address: `?view=<id>` with the filters it expands to and its
 * visible columns (`?columns=name,email`), so a link opens the same view.
 */
export function useViewUrl(filterKeys: readonly string[]) {
  const [params, setParams] = useSearchParams();
  const viewId = params.get(VIEW_PARAM);
  const columnsParam = params.get(COLUMNS_PARAM);
  const columns = useMemo(() => (columnsParam ? columnsParam.split(',').filter(Boolean) : null), [columnsParam]);
  const filters = useMemo(() => Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? '']).filter(([, v]) => v !== '')) as Record<string, string>, [filterKeys, params]);
  /** Whether the address says nothing yet: no filter, no view, no columns. */
  const blank = viewId === null && columns === null && Object.keys(filters).length === 0;

  const apply = useCallback(
    (view: Pick<SavedViewDto, 'id' | 'filters' | 'columns'>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const key of filterKeys) next.delete(key);
          // A custom field's filter (`cf.<key>`) is applied even before the page has loaded its
          // field definitions (a link with only ?view= may find the views first): dropping it
          // would show the list unfiltered under the view's name. An address's cf.* keys are the
          // page's filter keys from then on, and the API answers one of a deleted field with a 400 naming it.
          for (const [key, value] of Object.entries(view.filters)) if ((filterKeys.includes(key) || key.startsWith('cf.')) && value) next.set(key, value);
          next.set(VIEW_PARAM, view.id);
          if (view.columns) next.set(COLUMNS_PARAM, view.columns.join(','));
          else next.delete(COLUMNS_PARAM);
          return next;
        },
        { replace: true },
      ),
    [filterKeys, setParams],
  );

  const setColumns = useCallback(
    (next: string[] | null) =>
      setParams(
        (previous) => {
          const p = new URLSearchParams(previous);
          if (next) p.set(COLUMNS_PARAM, next.join(','));
          else p.delete(COLUMNS_PARAM);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );

  /** The applied view is gone (deleted): the address keeps its filters, without the view. */
  const forget = useCallback(
    () =>
      setParams(
        (previous) => {
          const p = new URLSearchParams(previous);
          p.delete(VIEW_PARAM);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );

  return { viewId, columns, filters, blank, apply, setColumns, forget };
}
