import { Link, useNavigate } from 'react-router-dom';
import { useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { SelectAllCell, SelectCell } from '../../components/bulk-edit/BulkSelectCells';
import { useBulkSelection } from '../../components/bulk-edit/use-bulk-selection';
import { SearchFilter, SelectFilter } from '../../components/Filters';
import { Input } from '../../components/Form';
import { ListPanel, newRecordsEmpty } from '../../components/ListPanel';
import { Modal } from '../../components/Modal';
import { NewRecordActions } from '../../components/NewRecordActions';
import { PageHeader } from '../../components/PageHeader';
import { RowsTable, Td } from '../../components/Table';
import { formatDate } from '../../lib/format';
import { useListPage } from '../../lib/use-list-page';
import { CustomFieldFilters, useCustomFieldFilterKeys } from '../../components/records/CustomFieldFilters';
import { AccountForm } from './AccountForm';
import { useAccounts } from './accounts.queries';

const FILTERS = ['q', 'industry', 'owner_id'] as const;
const SAVED = { list: 'accounts' } as const;
const dash = <span className="text-slate-400">—</span>;

export function AccountsPage() {
  const navigate = useNavigate();
  const { users, nameOf } = useUsers();
  const filterKeys = useCustomFieldFilterKeys('account', FILTERS);
  const { values, setFilters, clear, active, creating, setCreating, views } = useListPage(filterKeys, SAVED);
  const query = useAccounts(values);
  const { user } = useAuth();
  const selection = useBulkSelection('accounts', values);
  const canBulk = can(user?.role, 'bulk-edit');

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Companies you work with, their contacts, deals and history."
        actions={<NewRecordActions importKind="accounts" newLabel="New account" onNew={() => setCreating(true)} />}
      />
      <ListPanel
        views={views}
        bulk={canBulk ? selection : undefined}
        query={query}
        active={active}
        onClear={clear}
        empty={newRecordsEmpty('accounts', { one: 'account', many: 'accounts' }, () => setCreating(true), 'Add the companies you work with, or import them from a CSV file.', 'Try another search.')}
        filters={
          <>
            <SearchFilter label="Search accounts" placeholder="Search name or domain…" value={values.q} onChange={(q) => setFilters({ q })} />
            <label className="block sm:w-44">
              <span className="mb-1 block text-xs font-medium text-slate-500">Industry</span>
              <Input value={values.industry} onChange={(e) => setFilters({ industry: e.target.value })} placeholder="Any" />
            </label>
            {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
            <CustomFieldFilters recordType="account" values={values} onChange={setFilters} />
          </>
        }
      >
        {(rows) => (
          <RowsTable
            label="Accounts"
            rows={rows}
            rowKey={(a) => a.id}
            selected={(a) => selection.has(a.id)}
            columns={[
              canBulk && <SelectAllCell selection={selection} rowIds={rows.map((a) => a.id)} label="Select all accounts shown" />,
              'Name',
              'Industry',
              ['Domain', 'hidden md:table-cell'],
              ['Owner', 'hidden lg:table-cell'],
              ['Created', 'hidden sm:table-cell'],
            ]}
          >
            {(a) => (
              <>
                {canBulk && <SelectCell selection={selection} id={a.id} label={`Select ${a.name}`} />}
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
          </RowsTable>
        )}
      </ListPanel>
      {creating && (
        <Modal title="New account" onClose={() => setCreating(false)} wide>
          <AccountForm onDone={(a) => navigate(`/accounts/${a.id}`)} />
        </Modal>
      )}
    </>
  );
}
