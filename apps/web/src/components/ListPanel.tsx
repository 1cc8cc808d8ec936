import type { ReactNode } from 'react';
import { BulkEditBar } from './bulk-edit/BulkEditBar';
import type { BulkSelection } from './bulk-edit/use-bulk-selection';
import { Button } from './Button';
import { FilterBar, LoadMore } from './Filters';
import type { IconName } from './icons';
import { EmptyState, QueryState } from './States';
import { ColumnChooser } from './saved-views/ColumnChooser';
import type { ListViews } from './saved-views/list-views';
import { SavedViewsMenu } from './saved-views/SavedViewsMenu';

export interface PagedRows<T> {
  rows: T[];
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The empty states of a list: none yet, and none matching the filters. */
export interface ListEmpty {
  icon: IconName;
  title: string;
  filteredTitle: string;
  text?: ReactNode;
  filteredText?: ReactNode;
  /** The "New …" button of the empty list; lists of records nobody creates by hand have none. */
  newLabel?: string;
  onNew?: () => void;
}

/** The empty states of a list of records made by hand: "No deals yet" with "New deal", "No deal matches these filters". */
export function newRecordsEmpty(icon: IconName, noun: { one: string; many: string }, onNew: () => void, text?: ReactNode, filteredText?: ReactNode): ListEmpty {
  return { icon, title: `No ${noun.many} yet`, filteredTitle: `No ${noun.one} matches these filters`, text, filteredText, newLabel: `New ${noun.one}`, onNew };
}

/**
 * The body of a list page: its filter bar, then loading, error, an empty state (one for "no
 * records yet" with the "New …" button, one for "nothing matches" with "Clear filters"), or
 * the rows with "Load more"; with `bulk`, the bulk action bar of the selected rows.
 */
export function ListPanel<T>({
  query,
  filters,
  active,
  onClear,
  empty,
  banner,
  views,
  bulk,
  children,
}: {
  query: PagedRows<T>;
  filters: ReactNode;
  active: boolean;
  onClear: () => void;
  empty: ListEmpty;
  /** Shown between the filters and the rows (e.g. bulk actions for a selection). */
  banner?: ReactNode;
  /** The list's saved views ("Views" menu) and, when it has hideable columns, the column chooser. */
  views?: ListViews;
  /** The list's selection for bulk edits (the page renders its SelectAllCell and SelectCell): its action bar shows over the rows. */
  bulk?: BulkSelection;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
      {views && (
        <div className="flex justify-end gap-2 border-b border-slate-100 px-3 py-2 sm:px-4">
          {views.columns && views.columns.length > 0 && <ColumnChooser filterKeys={views.filterKeys} columns={views.columns} />}
          <SavedViewsMenu list={views.list} filterKeys={views.filterKeys} />
        </div>
      )}
      <FilterBar active={active} onClear={onClear}>
        {filters}
      </FilterBar>
      {banner}
      {bulk && <BulkEditBar selection={bulk} rowIds={(query.rows as { id?: string }[]).map((r) => r.id ?? '')} hasMore={query.hasNextPage} />}
      <QueryState
        query={query}
        isEmpty={query.rows.length === 0}
        empty={
          <EmptyState
            icon={empty.icon}
            title={active ? empty.filteredTitle : empty.title}
            action={
              active ? (
                <Button variant="secondary" onClick={onClear}>
                  Clear filters
                </Button>
              ) : (
                empty.newLabel &&
                empty.onNew && (
                  <Button icon="plus" onClick={empty.onNew}>
                    {empty.newLabel}
                  </Button>
                )
              )
            }
          >
            {active ? empty.filteredText : empty.text}
          </EmptyState>
        }
      >
        <>
          {children(query.rows)}
          <LoadMore query={query} />
        </>
      </QueryState>
    </div>
  );
}
