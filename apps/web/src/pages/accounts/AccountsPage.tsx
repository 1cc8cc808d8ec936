import { Link, useNavigate } from 'react-router-dom';
import { useUsers } from '../../api/lookups';
import { Badge } from '../../components/Badge';
import { SearchFilter, SelectFilter } from '../../components/Filters';
import { Input } from '../../components/Form';
import { RecordListPage, useRecordListPage } from '../../components/RecordListPage';
import { Td } from '../../components/Table';
import { formatDate } from '../../lib/format';
import { AccountForm } from './AccountForm';
import { useAccounts } from './accounts.queries';

const FILTERS = ['q', 'industry', 'owner_id'] as const;
const SAVED = { list: 'accounts' } as const;
const dash = <span className="text-slate-400">—</span>;

export function AccountsPage() {
  const navigate = useNavigate();
  const { users, nameOf } = useUsers();
  const list = useRecordListPage('accounts', FILTERS, SAVED);
  const { values, setFilters } = list;
  const query = useAccounts(values);

  return (
    <RecordListPage
      list={list}
      description="Companies you work with, their contacts, deals and history."
      emptyText="Add the companies you work with, or import them from a CSV file."
      query={query}
      filters={
        <>
          <SearchFilter label="Search accounts" placeholder="Search name or domain…" value={values.q} onChange={(q) => setFilters({ q })} />
          <label className="block sm:w-44">
            <span className="mb-1 block text-xs font-medium text-slate-500">Industry</span>
            <Input value={values.industry} onChange={(e) => setFilters({ industry: e.target.value })} placeholder="Any" />
          </label>
          {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
        </>
      }
      columns={['Name', 'Industry', ['Domain', 'hidden md:table-cell'], ['Owner', 'hidden lg:table-cell'], ['Created', 'hidden sm:table-cell']]}
      rowName={(a) => a.name}
      newForm={<AccountForm onDone={(a) => navigate(`/accounts/${a.id}`)} />}
    >
      {(a) => (
        <>
          <Td>
            <Link to={`/accounts/${a.id}`} className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
              {a.name}
            </Link>
          </Td>
          <Td>{a.industry ? <Badge>{a.industry}</Badge> : dash}</Td>
          <Td className="hidden md:table-cell">{a.domain ?? dash}</Td>
          <Td className="hidden lg:table-cell">{nameOf(a.owner_id) ?? dash}</Td>
          <Td className="hidden whitespace-nowrap text-slate-500 sm:table-cell">{formatDate(a.created_at)}</Td>
        </>
      )}
    </RecordListPage>
  );
}
