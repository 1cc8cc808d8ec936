import type { ReactNode } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { can } from '../auth/permissions';
import { SelectAllCell, SelectCell } from './bulk-edit/BulkSelectCells';
import { useBulkSelection } from './bulk-edit/use-bulk-selection';
import { ListPanel, newRecordsEmpty, type PagedRows } from './ListPanel';
import { Modal } from './Modal';
import { NewRecordActions } from './NewRecordActions';
import { PageHeader } from './PageHeader';
import { CustomFieldFilters, useCustomFieldFilterKeys } from './records/CustomFieldFilters';
import type { ListViews } from './saved-views/list-views';
import { RowsTable, type Column } from './Table';
import { useListPage } from '../lib/use-list-page';

/** The record types whose lists are imported from CSV and bulk-edited. */
export type RecordListKind = 'accounts' | 'contacts';

const RECORD_TYPE = { accounts: 'account', contacts: 'contact' } as const;

/**
 * The state of an accounts or contacts list page: useListPage's filters (with the record type's
 * `cf.<key>` filters), saved views and "New …" dialog, and the bulk selection of its rows.
 */
export function useRecordListPage(kind: RecordListKind, filters: readonly string[], saved: Omit<ListViews, 'filterKeys'>) {
  const { user } = useAuth();
  const filterKeys = useCustomFieldFilterKeys(RECORD_TYPE[kind], filters);
  const page = useListPage(filterKeys, saved);
  const selection = useBulkSelection(kind, page.values);
  return { ...page, kind, selection, canBulk: can(user?.role, 'bulk-edit') };
}

export type RecordListState = ReturnType<typeof useRecordListPage>;

/**
 * An accounts or contacts list page: the header ("Import CSV", "New …"), the ListPanel with the
 * page's filters and then the custom-field filters, the empty states, a table of the rows (with
 * the selection column for bulk edits when the role may make them) and the "New …" dialog.
 */
export function RecordListPage<T extends { id: string }>({
  list,
  description,
  emptyText,
  query,
  filters,
  columns,
  rowName,
  newForm,
  children,
}: {
  list: RecordListState;
  description: string;
  /** The text of the "No … yet" empty state. */
  emptyText: string;
  query: PagedRows<T>;
  filters: ReactNode;
  /** The table's columns after the selection column. */
  columns: readonly Column[];
  /** A row's name, for its selection checkbox's label. */
  rowName: (row: T) => string;
  /** The form of the "New …" dialog. */
  newForm: ReactNode;
  /** A row's cells after its selection cell. */
  children: (row: T) => ReactNode;
}) {
  const { kind, selection, canBulk } = list;
  const noun = { one: RECORD_TYPE[kind], many: kind };
  const title = kind[0].toUpperCase() + kind.slice(1);
  const openNew = () => list.setCreating(true);
  return (
    <>
      <PageHeader title={title} description={description} actions={<NewRecordActions importKind={kind} newLabel={`New ${noun.one}`} onNew={openNew} />} />
      <ListPanel
        views={list.views}
        bulk={canBulk ? selection : undefined}
        query={query}
        active={list.active}
        onClear={list.clear}
        empty={newRecordsEmpty(kind, noun, openNew, emptyText, 'Try another search.')}
        filters={
          <>
            {filters}
            <CustomFieldFilters recordType={noun.one} values={list.values} onChange={list.setFilters} />
          </>
        }
      >
        {(rows) => (
          <RowsTable
            label={title}
            rows={rows}
            rowKey={(r) => r.id}
            selected={(r) => selection.has(r.id)}
            columns={[canBulk && <SelectAllCell selection={selection} rowIds={rows.map((r) => r.id)} label={`Select all ${kind} shown`} />, ...columns]}
          >
            {(r) => (
              <>
                {canBulk && <SelectCell selection={selection} id={r.id} label={`Select ${rowName(r)}`} />}
                {children(r)}
              </>
            )}
          </RowsTable>
        )}
      </ListPanel>
      {list.creating && (
        <Modal title={`New ${noun.one}`} onClose={() => list.setCreating(false)} wide>
          {newForm}
        </Modal>
      )}
    </>
  );
}
