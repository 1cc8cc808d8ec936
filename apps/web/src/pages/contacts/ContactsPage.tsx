import { contactsList } from '@clockwork/api-client';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { unwrap } from '../../api/errors';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button, ButtonLink } from '../../components/Button';
import { FilterBar, LoadMore, SearchFilter, SelectFilter } from '../../components/Filters';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { Table, Td, Th, Tr } from '../../components/Table';
import { contactName } from '../../lib/format';
import { usePagedQuery } from '../../lib/paged-query';
import { definedOnly, useUrlFilters } from '../../lib/url-filters';
import { ContactForm } from './ContactForm';

const FILTERS = ['q', 'account_id', 'owner_id'] as const;
const dash = <span className="text-slate-400">—</span>;

export function ContactsPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const { users, nameOf } = useUsers();
  const accounts = useAccountOptions();
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const query = usePagedQuery(['contacts', 'list', values], (cursor, signal) => unwrap(contactsList({ query: { ...definedOnly(values), cursor, limit: 50 }, signal })));

  return (
    <>
      <PageHeader
        title="Contacts"
        description="People at your accounts, with owners and tags."
        actions={
          <>
            {can(user?.role, 'import') && (
              <ButtonLink to="/import?kind=contacts" variant="secondary" icon="upload">
                Import CSV
              </ButtonLink>
            )}
            <Button icon="plus" onClick={() => setCreating(true)}>
              New contact
            </Button>
          </>
        }
      />
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <FilterBar active={active} onClear={clear}>
          <SearchFilter label="Search contacts" placeholder="Search name or email…" value={values.q} onChange={(q) => setFilters({ q })} />
          {canSee(user?.role, 'accounts') && (
            <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} />
          )}
          {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
        </FilterBar>
        <QueryState query={query}>
          {query.rows.length === 0 ? (
            <EmptyState
              icon="contacts"
              title={active ? 'No contact matches these filters' : 'No contacts yet'}
              action={active ? <Button variant="secondary" onClick={clear}>Clear filters</Button> : <Button icon="plus" onClick={() => setCreating(true)}>New contact</Button>}
            >
              {active ? 'Try another search.' : 'Add the people you talk to at your accounts.'}
            </EmptyState>
          ) : (
            <>
              <Table label="Contacts">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th className="hidden sm:table-cell">Email</Th>
                    <Th className="hidden md:table-cell">Account</Th>
                    <Th className="hidden lg:table-cell">Tags</Th>
                    <Th className="hidden lg:table-cell">Owner</Th>
                  </tr>
                </thead>
                <tbody>
                  {query.rows.map((c) => (
                    <Tr key={c.id}>
                      <Td>
                        <Link to={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
                          {contactName(c)}
                        </Link>
                        {c.job_title && <p className="text-xs text-slate-500">{c.job_title}</p>}
                      </Td>
                      <Td className="hidden sm:table-cell">{c.email ?? dash}</Td>
                      <Td className="hidden md:table-cell">{accounts.nameOf(c.account_id) ?? dash}</Td>
                      <Td className="hidden lg:table-cell">
                        <span className="flex flex-wrap gap-1">{c.tags.length ? c.tags.map((t) => <Badge key={t}>{t}</Badge>) : dash}</span>
                      </Td>
                      <Td className="hidden lg:table-cell">{nameOf(c.owner_id) ?? dash}</Td>
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
        <Modal title="New contact" onClose={() => setCreating(false)} wide>
          <ContactForm accountId={values.account_id || undefined} onDone={(c) => navigate(`/contacts/${c.id}`)} />
        </Modal>
      )}
    </>
  );
}
