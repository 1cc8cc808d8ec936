import { accountsList } from '@clockwork/api-client';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { unwrap } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button, ButtonLink } from '../../components/Button';
import { FilterBar, LoadMore, SearchFilter, SelectFilter } from '../../components/Filters';
import { Input } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { Table, Td, Th, Tr } from '../../components/Table';
import { formatDate } from '../../lib/format';
import { usePagedQuery } from '../../lib/paged-query';
import { definedOnly, useUrlFilters } from '../../lib/url-filters';
import { AccountForm } from './AccountForm';

const FILTERS = ['q', 'industry', 'owner_id'] as const;

export function AccountsPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const { users, nameOf } = useUsers();
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const query = usePagedQuery(['accounts', 'list', values], (cursor, signal) => unwrap(accountsList({ query: { ...definedOnly(values), cursor, limit: 50 }, signal })));

  return (
    <>
      <PageHeader
        title="Accounts"
        description="Companies you work with, their contacts, deals and history."
        actions={
          <>
            {can(user?.role, 'import') && (
              <ButtonLink to="/import?kind=accounts" variant="secondary" icon="upload">
                Import CSV
              </ButtonLink>
            )}
            <Button icon="plus" onClick={() => setCreating(true)}>
              New account
            </Button>
          </>
        }
      />
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <FilterBar active={active} onClear={clear}>
          <SearchFilter label="Search accounts" placeholder="Search name or domain…" value={values.q} onChange={(q) => setFilters({ q })} />
          <label className="block sm:w-44">
            <span className="mb-1 block text-xs font-medium text-slate-500">Industry</span>
            <Input value={values.industry} onChange={(e) => setFilters({ industry: e.target.value })} placeholder="Any" />
          </label>
          {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
        </FilterBar>
        <QueryState query={query}>
          {query.rows.length === 0 ? (
            <EmptyState
              icon="accounts"
              title={active ? 'No account matches these filters' : 'No accounts yet'}
              action={active ? <Button variant="secondary" onClick={clear}>Clear filters</Button> : <Button icon="plus" onClick={() => setCreating(true)}>New account</Button>}
            >
              {active ? 'Try another search.' : 'Add the companies you work with, or import them from a CSV file.'}
            </EmptyState>
          ) : (
            <>
              <Table label="Accounts">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Industry</Th>
                    <Th className="hidden md:table-cell">Domain</Th>
                    <Th className="hidden lg:table-cell">Owner</Th>
                    <Th className="hidden sm:table-cell">Created</Th>
                  </tr>
                </thead>
                <tbody>
                  {query.rows.map((a) => (
                    <Tr key={a.id}>
                      <Td>
                        <Link to={`/accounts/${a.id}`} className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
                          {a.name}
                        </Link>
                      </Td>
                      <Td>{a.industry ? <Badge>{a.industry}</Badge> : <span className="text-slate-400">—</span>}</Td>
                      <Td className="hidden md:table-cell">{a.domain ?? <span className="text-slate-400">—</span>}</Td>
                      <Td className="hidden lg:table-cell">{nameOf(a.owner_id) ?? <span className="text-slate-400">—</span>}</Td>
                      <Td className="hidden whitespace-nowrap text-slate-500 sm:table-cell">{formatDate(a.created_at)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
              <LoadMore count={query.rows.length} hasNextPage={query.hasNextPage} isFetchingNextPage={query.isFetchingNextPage} fetchNextPage={query.fetchNextPage} />
            </>
          )}
        </QueryState>
      </div>
      {creating && (
        <Modal title="New account" onClose={() => setCreating(false)} wide>
          <AccountForm onDone={(a) => navigate(`/accounts/${a.id}`)} />
        </Modal>
      )}
    </>
  );
}
