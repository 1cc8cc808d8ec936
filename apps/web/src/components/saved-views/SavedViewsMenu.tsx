import { useEffect, useMemo, useRef, useState } from 'react';
import { useViewUrl } from '../../lib/use-view-url';
import { Badge } from '../Badge';
import { Button } from '../Button';
import { ErrorState, LoadingState } from '../States';
import type { ListViews } from './list-views';
import { SaveViewForm } from './SaveViewForm';
import { useCreateSavedView, useSavedViews } from './saved-views.queries';
import { ViewActions } from './ViewActions';

/**
 * The "Views" menu of a list page: apply a saved view (its filters and columns go to the
 * address), save the current filters as a view, and rename, share, delete or make default the
 * applied one. The user's default view opens when the address names no filter and no view; a
 * link with only `?view=<id>` expands to the view's filters.
 */
export function SavedViewsMenu({ list, filterKeys }: Pick<ListViews, 'list' | 'filterKeys'>) {
  const [open, setOpen] = useState(false);
  const views = useSavedViews(list);
  const create = useCreateSavedView(list);
  const url = useViewUrl(filterKeys);
  const all = useMemo(() => views.data?.data ?? [], [views.data]);
  const current = all.find((v) => v.id === url.viewId);
  const settled = useRef(false);

  useEffect(() => {
    if (settled.current || !views.data) return;
    settled.current = true;
    const onlyView = url.viewId !== null && Object.keys(url.filters).length === 0 && url.columns === null;
    const target = url.blank ? all.find((v) => v.is_default) : onlyView ? current : undefined;
    if (target) url.apply(target);
  }, [views.data, all, current, url]);

  return (
    <div className="relative">
      <Button variant="secondary" size="sm" aria-expanded={open} aria-controls={`views-${list}`} onClick={() => setOpen(!open)}>
        {current ? `View: ${current.name}` : 'Views'}
      </Button>
      {open && (
        <section id={`views-${list}`} aria-label="Saved views" className="absolute right-0 z-20 mt-1 w-72 rounded-lg border border-slate-200 bg-white shadow-lg">
          {views.isPending ? (
            <LoadingState label="Loading views…" rows={2} />
          ) : views.error ? (
            <ErrorState error={views.error} onRetry={() => void views.refetch()} title="Could not load the views" />
          ) : all.length === 0 ? (
            <p className="p-3 text-sm text-slate-500">No saved views yet.</p>
          ) : (
            <ul className="max-h-64 overflow-auto py-1">
              {all.map((v) => (
                <li key={v.id}>
                  <button
                    type="button"
                    aria-current={v.id === url.viewId ? 'true' : undefined}
                    className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-[current]:font-semibold"
                    onClick={() => url.apply(v)}
                  >
                    <span className="min-w-0 flex-1 truncate">{v.name}</span>
                    {v.visibility === 'organization' && <Badge>Shared</Badge>}
                    {v.is_default && <Badge>Default</Badge>}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {current && <ViewActions list={list} view={current} onDeleted={url.forget} />}
          <SaveViewForm
            busy={create.isPending}
            onSave={(name, shared) =>
              create.mutate({ name, filters: url.filters, columns: url.columns, visibility: shared ? 'organization' : 'private' }, { onSuccess: (saved) => url.apply(saved) })
            }
          />
        </section>
      )}
    </div>
  );
}
