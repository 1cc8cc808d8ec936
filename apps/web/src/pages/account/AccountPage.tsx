import { useRef, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useMe } from '../../auth/AuthProvider';
import { roleLabels } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { FormError, InputField } from '../../components/Form';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useChangePassword } from '../auth/auth.queries';
import { NewPasswordField } from '../auth/PasswordField';

/** The signed-in user's own password (every role). */
export function ChangePasswordForm() {
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const mutation = useChangePassword(() => {
    form.current?.reset();
    toast.success('Password changed. Your other devices were signed out.');
  });
  const errors = fieldErrorsOf(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    mutation.mutate({ current_password: String(data.get('current_password') ?? ''), new_password: String(data.get('new_password') ?? '') });
  };
  return (
    <form ref={form} onSubmit={submit} className="max-w-md space-y-4" noValidate aria-label="Change password">
      <FormError error={mutation.error} />
      <InputField label="Current password" name="current_password" type="password" autoComplete="current-password" required errors={errors} />
      <NewPasswordField label="New password" name="new_password" error={errors.new_password} />
      <Button type="submit" busy={mutation.isPending}>
        Change password
      </Button>
    </form>
  );
}

export function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="Your account" description={`${me.name} · ${me.email} · ${roleLabels[me.role]}`} />
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm shadow-slate-900/5" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-base font-semibold text-slate-900">
          Password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500">Changing it signs you out of every other device; this one stays signed in.</p>
        <ChangePasswordForm />
      </section>
    </>
  );
}
