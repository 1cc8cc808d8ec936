import { Link, useNavigate } from 'react-router-dom';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { SelectAllCell, SelectCell } from '../../components/bulk-edit/BulkSelectCells';
import { useBulkSelection } from '../../components/bulk-edit/use-bulk-selection';
import { SearchFilter, SelectFilter } from '../../components/Filters';
import { ListPanel, newRecordsEmpty } from '../../components/ListPanel';
import { Modal } from '../../components/Modal';
import { NewRecordActions } from '../../components/NewRecordActions';
import { PageHeader } from '../../components/PageHeader';
import { RowsTable, Td } from '../../components/Table';
import { contactName } from '../../lib/format';
import { useListPage } from '../../lib/use-list-page';
import { CustomFieldFilters, useCustomFieldFilterKeys } from '../../components/records/CustomFieldFilters';
import { ContactForm } from './ContactForm';
import { useContacts } from './contacts.queries';

const FILTERS = ['q', 'account_id', 'owner_id'] as const;
/** The saved views of this list, and the columns a view may hide (the name always shows). */
const SAVED = {
  list: 'contacts',
  columns: [
    { key: 'email', label: 'Email' },
    { key: 'account', label: 'Account' },
    { key: 'tags', label: 'Tags' },
    { key: 'owner', label: 'Owner' },
  ],
} as const;
const dash = <span className="text-slate-400">—</span>;

export function ContactsPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const { users, nameOf } = useUsers();
  const accounts = useAccountOptions();
  const filterKeys = useCustomFieldFilterKeys('contact', FILTERS);
  const { values, setFilters, clear, active, creating, setCreating, views, isVisible } = useListPage(filterKeys, SAVED);
  const query = useContacts(values);
  const selection = useBulkSelection('contacts', values);
  const canBulk = can(user?.role, 'bulk-edit');

  return (
    <>
      <PageHeader
        title="Contacts"
        description="People at your accounts, with owners and tags."
        actions={<NewRecordActions importKind="contacts" newLabel="New contact" onNew={() => setCreating(true)} />}
      />
      <ListPanel
        views={views}
        bulk={canBulk ? selection : undefined}
        query={query}
        active={active}
        onClear={clear}
        empty={newRecordsEmpty('contacts', { one: 'contact', many: 'contacts' }, () => setCreating(true), 'Add the people you talk to at your accounts.', 'Try another search.')}
        filters={
          <>
            <SearchFilter label="Search contacts" placeholder="Search name or email…" value={values.q} onChange={(q) => setFilters({ q })} />
            {canSee(user?.role, 'accounts') && (
              <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} />
            )}
            {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
            <CustomFieldFilters recordType="contact" values={values} onChange={setFilters} />
          </>
        }
      >
        {(rows) => (
          <RowsTable
            label="Contacts"
            rows={rows}
            rowKey={(c) => c.id}
            selected={(c) => selection.has(c.id)}
            columns={[
              canBulk && <SelectAllCell selection={selection} rowIds={rows.map((c) => c.id)} label="Select all contacts shown" />,
              'Name',
              isVisible('email') && ['Email', 'hidden sm:table-cell'],
              isVisible('account') && ['Account', 'hidden md:table-cell'],
              isVisible('tags') && ['Tags', 'hidden lg:table-cell'],
              isVisible('owner') && ['Owner', 'hidden lg:table-cell'],
            ]}
          >
            {(c) => (
              <>
                {canBulk && <SelectCell selection={selection} id={c.id} label={`Select ${contactName(c)}`} />}
                <Td>
                  <Link to={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
                    {contactName(c)}
                  </Link>
                  {c.job_title && <p className="text-xs text-slate-500">{c.job_title}</p>}
                </Td>
                {isVisible('email') && <Td className="hidden sm:table-cell">{c.email ?? dash}</Td>}
                {isVisible('account') && <Td className="hidden md:table-cell">{accounts.nameOf(c.account_id) ?? dash}</Td>}
                {isVisible('tags') && (
                  <Td className="hidden lg:table-cell">
                    <span className="flex flex-wrap gap-1">{c.tags.length ? c.tags.map((t) => <Badge key={t}>{t}</Badge>) : dash}</span>
                  </Td>
                )}
                {isVisible('owner') && <Td className="hidden lg:table-cell">{nameOf(c.owner_id) ?? dash}</Td>}
              </>
            )}
          </RowsTable>
        )}
      </ListPanel>
      {creating && (
        <Modal title="New contact" onClose={() => setCreating(false)} wide>
          <ContactForm accountId={values.account_id || undefined} onDone={(c) => navigate(`/contacts/${c.id}`)} />
        </Modal>
      )}
    </>
  );
}
