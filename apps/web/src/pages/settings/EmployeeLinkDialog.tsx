import type { UserDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, FormError, InputField, NamedSelect } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { useLinkEmployee } from './settings.queries';

const NOTE = 'Time entries with this employee id are then attributed to the user, including earlier ones that had no user yet.';

/** Sets or clears one user's productivity employee id. */
export function EmployeeIdDialog({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const link = useLinkEmployee(onClose);
  const errors = fieldErrorsOf(link.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get('linked_employee_id') ?? '').trim();
    link.mutate({ user, employeeId: value || null });
  };
  return (
    <Modal title={`Employee id of ${user.name}`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-500">{NOTE}</p>
        <FormError error={link.error} />
        <InputField label="Productivity employee id" name="linked_employee_id" defaultValue={user.linked_employee_id ?? ''} autoComplete="off" errors={errors} hint="Leave empty to unlink." />
        <div className="flex justify-end gap-2 pt-2">
          {user.linked_employee_id && (
            <Button variant="ghost" busy={link.isPending && link.variables?.employeeId === null} onClick={() => link.mutate({ user, employeeId: null })}>
              Unlink
            </Button>
          )}
          <Button type="submit" busy={link.isPending && link.variables?.employeeId !== null}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}

/** Links an employee id seen on time entries to a user picked from the organization's people. */
export function LinkToUserDialog({ employeeId, users, onClose }: { employeeId: string; users: UserDto[]; onClose: () => void }) {
  const link = useLinkEmployee(onClose);
  const [missing, setMissing] = useState(false);
  const errors = fieldErrorsOf(link.error);
  const candidates = users.filter((u) => u.is_active && !u.linked_employee_id);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const user = candidates.find((u) => u.id === new FormData(e.currentTarget).get('user_id'));
    setMissing(!user);
    if (user) link.mutate({ user, employeeId });
  };
  return (
    <Modal title={`Link ${employeeId} to a user`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-500">{NOTE}</p>
        <FormError error={link.error} />
        <Field label="User" error={missing ? 'Choose the user to link.' : errors.linked_employee_id} hint={candidates.length === 0 ? 'Every active user is linked already.' : 'Active users without an employee id.'}>
          <NamedSelect name="user_id" required options={candidates.map((u) => ({ id: u.id, name: `${u.name} (${u.email})` }))} none="Choose a user" />
        </Field>
        <div className="flex justify-end pt-2">
          <Button type="submit" busy={link.isPending} disabled={candidates.length === 0}>
            Link
          </Button>
        </div>
      </form>
    </Modal>
  );
}
