import type { UserDto } from '@clockwork/api-client';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/Filters';
import { QueryState } from '../../components/States';
import { ActionsTh, RowsTable, Td } from '../../components/Table';
import { formatDate, formatHours } from '../../lib/format';
import { LinkToUserDialog } from './EmployeeLinkDialog';
import { useUnlinkedEmployees } from './settings.queries';

/**
 * Employee ids the productivity agents send that no user is linked to: their time has no person
 * yet. Admins link one to a user; managers see the list.
 */
export function UnlinkedEmployees({ users, manage }: { users: UserDto[]; manage: boolean }) {
  const unlinked = useUnlinkedEmployees(true);
  const [linking, setLinking] = useState<string | null>(null);
  return (
    <section aria-labelledby="unlinked-employees" className="border-t border-slate-100">
      <h2 id="unlinked-employees" className="px-4 pt-4 text-sm font-semibold text-slate-900">
        Unlinked employee ids
      </h2>
      <p className="px-4 pt-1 text-xs text-slate-500">Ids seen on time entries that no user is linked to; their time is not attributed to anyone yet.</p>
      <QueryState query={unlinked}>
        {unlinked.rows.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-500">Every employee id on time entries is linked to a user.</p>
        ) : (
          <>
            <RowsTable label="Unlinked employee ids" rows={unlinked.rows} rowKey={(e) => e.employee_id} columns={['Employee id', ['Entries', 'text-right'], ['Time', 'text-right'], ['Seen', 'hidden md:table-cell'], <ActionsTh />]}>
              {(e) => (
                <>
                  <Td className="font-mono text-xs text-slate-900">{e.employee_id}</Td>
                  <Td className="text-right tabular-nums">{e.entries}</Td>
                  <Td className="text-right tabular-nums">{formatHours(e.total_seconds)}</Td>
                  <Td className="hidden text-slate-500 md:table-cell">
                    {formatDate(e.first_seen)} – {formatDate(e.last_seen)}
                  </Td>
                  <Td>
                    {manage && (
                      <Button size="sm" variant="ghost" onClick={() => setLinking(e.employee_id)} aria-label={`Link ${e.employee_id} to a user`}>
                        Link to user
                      </Button>
                    )}
                  </Td>
                </>
              )}
            </RowsTable>
            <LoadMore query={unlinked} />
          </>
        )}
      </QueryState>
      {linking && <LinkToUserDialog employeeId={linking} users={users} onClose={() => setLinking(null)} />}
    </section>
  );
}
