import type { FormEvent, ReactNode } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError } from '../../components/Form';
import { NewPasswordField } from './PasswordField';
import { TokenError } from './TokenError';

/**
 * The form that sets a password with an emailed link's token (an invitation, a password reset):
 * the link's own refusal (with `retry`, where to get a new one) or the form's error, the new
 * password named `field`, and the submit button (`children`).
 */
export function LinkPasswordForm({
  mutation,
  field,
  label,
  retry,
  children,
}: {
  mutation: { mutate: (password: string) => void; error: unknown; isPending: boolean };
  field: string;
  label: string;
  retry: { to: string; label: string };
  children: ReactNode;
}) {
  const errors = fieldErrorsOf(mutation.error);
  const tokenRefused = mutation.error instanceof ApiError && !!mutation.error.fieldErrors.token;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate(String(new FormData(e.currentTarget).get(field) ?? ''));
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {tokenRefused ? <TokenError error={mutation.error} retry={retry} /> : <FormError error={mutation.error} />}
      <NewPasswordField label={label} name={field} error={errors[field]} />
      <Button type="submit" className="w-full" busy={mutation.isPending}>
        {children}
      </Button>
    </form>
  );
}
