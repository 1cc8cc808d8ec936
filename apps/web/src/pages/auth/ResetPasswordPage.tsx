import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, fieldErrorsOf } from '../../api/errors';
import { Button, ButtonLink } from '../../components/Button';
import { FormError } from '../../components/Form';
import { useConfirmPasswordReset } from './auth.queries';
import { AuthLayout, BackToSignIn } from './AuthLayout';
import { useLinkToken } from './link-token';
import { NewPasswordField } from './PasswordField';
import { TokenError } from './TokenError';

const newLink = { to: '/forgot-password', label: 'Ask for a new link' };
export function ResetPasswordPage() {
  const token = useLinkToken();
  const mutation = useConfirmPasswordReset(token);
  const errors = fieldErrorsOf(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate(String(new FormData(e.currentTarget).get('new_password') ?? ''));
  };

  if (!token) {
    return (
      <AuthLayout title="Reset your password" subtitle="This page opens from the link we email you." footer={<BackToSignIn />}>
        <p role="alert" className="text-sm text-slate-700">
          The link is incomplete. Open it again from the email, or <Link to="/forgot-password" className="font-semibold text-indigo-600 underline">ask for a new one</Link>.
        </p>
      </AuthLayout>
    );
  }
  if (mutation.isSuccess) {
    return (
      <AuthLayout title="Password changed" subtitle="You were signed out everywhere." footer={<BackToSignIn />}>
        <p role="status" className="mb-4 text-sm text-slate-700">
          Sign in with your new password.
        </p>
        <ButtonLink to="/login" className="w-full">
          Sign in
        </ButtonLink>
      </AuthLayout>
    );
  }
  const tokenRefused = mutation.error instanceof ApiError && !!mutation.error.fieldErrors.token;
  return (
    <AuthLayout title="Choose a new password" subtitle="Setting it signs you out on every device." footer={<BackToSignIn />}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {tokenRefused ? <TokenError error={mutation.error} retry={newLink} /> : <FormError error={mutation.error} />}
        <NewPasswordField label="New password" name="new_password" error={errors.new_password} />
        <Button type="submit" className="w-full" busy={mutation.isPending}>
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
