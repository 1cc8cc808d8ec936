import { Link, useNavigate } from 'react-router-dom';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { canSee } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { SearchFilter, SelectFilter } from '../../components/Filters';
import { RecordListPage, useRecordListPage } from '../../components/RecordListPage';
import { Td } from '../../components/Table';
import { contactName } from '../../lib/format';
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
  const list = useRecordListPage('contacts', FILTERS, SAVED);
  const { values, setFilters, isVisible } = list;
  const query = useContacts(values);

  return (
    <RecordListPage
      list={list}
      description="People at your accounts, with owners and tags."
      emptyText="Add the people you talk to at your accounts."
      query={query}
      filters={
        <>
          <SearchFilter label="Search contacts" placeholder="Search name or email…" value={values.q} onChange={(q) => setFilters({ q })} />
          {canSee(user?.role, 'accounts') && (
            <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} />
          )}
          {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
        </>
      }
      columns={[
        'Name',
        isVisible('email') && ['Email', 'hidden sm:table-cell'],
        isVisible('account') && ['Account', 'hidden md:table-cell'],
        isVisible('tags') && ['Tags', 'hidden lg:table-cell'],
        isVisible('owner') && ['Owner', 'hidden lg:table-cell'],
      ]}
      rowName={contactName}
      newForm={<ContactForm accountId={values.account_id || undefined} onDone={(c) => navigate(`/contacts/${c.id}`)} />}
    >
      {(c) => (
        <>
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
    </RecordListPage>
  );
}
