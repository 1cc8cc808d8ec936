import type { UserDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { can, type Role } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Field, FormError, formValues, InputField, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { EmptyState, QueryState } from '../../components/States';
import { ActionsTd, ActionsTh, NameCell, RowsTable, Td } from '../../components/Table';
import { formatRelative } from '../../lib/format';
import { EmployeeIdDialog } from './EmployeeLinkDialog';
import { RoleBadge, RoleSelect } from './RoleSelect';
import { UnlinkedEmployees } from './UnlinkedEmployees';
import { useInvitations, useInvite, useRevokeInvitation, useSettingsUsers, useUpdateUser } from './settings.queries';

function InviteForm({ onDone }: { onDone: () => void }) {
  const create = useInvite(onDone);
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ name: v.name ?? '', email: v.email ?? '', role: (v.role as Role) ?? 'sales' });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-500">We email them a link to choose their own password. It works once, for 7 days.</p>
      <FormError error={create.error} />
      <InputField label="Name" name="name" autoComplete="off" errors={errors} />
      <InputField label="Email" name="email" type="email" autoComplete="off" errors={errors} />
      <Field label="Role" error={errors.role}>
        <RoleSelect name="role" defaultValue="sales" />
      </Field>
      <SubmitRow busy={create.isPending}>Send invitation</SubmitRow>
    </form>
  );
}

/** Invitations not yet accepted (nor revoked or expired); admins may revoke them. */
export function PendingInvitations({ manage }: { manage: boolean }) {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  return (
    <section aria-labelledby="pending-invitations" className="border-t border-slate-100">
      <h2 id="pending-invitations" className="px-4 pt-4 text-sm font-semibold text-slate-900">
        Pending invitations
      </h2>
      <QueryState query={invitations}>
        {(invitations.data?.data ?? []).length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-500">No pending invitations.</p>
        ) : (
          <RowsTable label="Pending invitations" rows={(invitations.data?.data ?? [])} rowKey={(i) => i.id} columns={['Invited', 'Role', ['Expires', 'hidden md:table-cell'], <ActionsTh />]}>
            {(i) => (
              <>
                <NameCell name={i.name} detail={i.email} />
                <Td>
                  <RoleBadge role={i.role} />
                </Td>
                <Td className="hidden text-slate-500 md:table-cell">{formatRelative(i.expires_at)}</Td>
                <ActionsTd>
                  {manage && (
                    <Button size="sm" variant="ghost" aria-label={`Revoke the invitation of ${i.email}`} busy={revoke.isPending && revoke.variables?.id === i.id} onClick={() => revoke.mutate(i)}>
                      Revoke
                    </Button>
                  )}
                </ActionsTd>
              </>
            )}
          </RowsTable>
        )}
      </QueryState>
    </section>
  );
}

export function UsersPanel() {
  const { user: me } = useAuth();
  const [adding, setAdding] = useState(false);
  const [linking, setLinking] = useState<UserDto | null>(null);
  const manage = can(me?.role, 'manage-users');
  const users = useSettingsUsers();
  const update = useUpdateUser();

  return (
    <>
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 p-4">
        <p className="text-sm text-slate-500">{manage ? 'Invite people, change their role or deactivate them.' : 'The people of your organization. Only admins can change them.'}</p>
        {manage && (
          <Button icon="plus" onClick={() => setAdding(true)}>
            Invite user
          </Button>
        )}
      </div>
      <QueryState query={users} isEmpty={(users.data?.data ?? []).length === 0} empty={<EmptyState icon="user" title="No users" />}>
        <RowsTable label="Users" rows={(users.data?.data ?? [])} rowKey={(u) => u.id} columns={['Name', 'Role', 'Employee id', ['Last sign-in', 'hidden md:table-cell'], 'Status']}>
          {(u) => (
            <>
              <NameCell
                name={
                  <>
                    {u.name} {u.id === me?.id && <span className="text-xs font-normal text-slate-500">(you)</span>}
                  </>
                }
                detail={u.email}
              />
              <Td>
                {manage && u.id !== me?.id ? (
                  <RoleSelect aria-label={`Role of ${u.name}`} value={u.role} onChange={(e) => update.mutate({ user: u, body: { role: e.target.value as Role } })} className="w-32 py-1 text-xs" />
                ) : (
                  <RoleBadge role={u.role} />
                )}
              </Td>
              <Td>
                <div className="flex items-center gap-1">
                  <span className={u.linked_employee_id ? 'font-mono text-xs text-slate-900' : 'text-xs text-slate-400'}>{u.linked_employee_id ?? 'None'}</span>
                  {manage && (
                    <Button size="sm" variant="ghost" onClick={() => setLinking(u)} aria-label={`${u.linked_employee_id ? 'Change' : 'Set'} the employee id of ${u.name}`}>
                      {u.linked_employee_id ? 'Change' : 'Set'}
                    </Button>
                  )}
                </div>
              </Td>
              <Td className="hidden text-slate-500 md:table-cell">{u.last_login_at ? formatRelative(u.last_login_at) : 'Never'}</Td>
              <Td>
                <div className="flex items-center gap-2">
                  <Badge tone={u.is_active ? 'success' : 'neutral'} dot>
                    {u.is_active ? 'Active' : 'Deactivated'}
                  </Badge>
                  {manage && u.id !== me?.id && (
                    <Button size="sm" variant="ghost" onClick={() => update.mutate({ user: u, body: { is_active: !u.is_active } })}>
                      {u.is_active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  )}
                </div>
              </Td>
            </>
          )}
        </RowsTable>
      </QueryState>
      <PendingInvitations manage={manage} />
      <UnlinkedEmployees users={users.data?.data ?? []} manage={manage} />
      {linking && <EmployeeIdDialog user={linking} onClose={() => setLinking(null)} />}
      {adding && (
        <Modal title="Invite user" onClose={() => setAdding(false)}>
          <InviteForm onDone={() => setAdding(false)} />
        </Modal>
      )}
    </>
  );
}
