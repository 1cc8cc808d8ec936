import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError } from '../../components/Form';
import { useAcceptInvitation } from './auth.queries';
import { AuthLayout } from './AuthLayout';
import { useLinkToken } from './link-token';
import { NewPasswordField } from './PasswordField';
import { TokenError } from './TokenError';

const footer = (
  <>
    Already have an account?{' '}
    <Link to="/login" className="font-semibold text-indigo-600 hover:text-indigo-500">
      Sign in
    </Link>
  </>
);

export function AcceptInvitationPage() {
  const token = useLinkToken();
  const mutation = useAcceptInvitation(token);
  const errors = fieldErrorsOf(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate(String(new FormData(e.currentTarget).get('password') ?? ''));
  };
  const tokenRefused = mutation.error instanceof ApiError && !!mutation.error.fieldErrors.token;
  return (
    <AuthLayout title="Join your team" subtitle="Choose the password you will sign in with." footer={footer}>
      {!token ? (
        <p role="alert" className="text-sm text-slate-700">
          The invitation link is incomplete. Open it again from the email, or ask whoever invited you to send a new one.
        </p>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          {tokenRefused ? <TokenError error={mutation.error} retry={{ to: '/login', label: 'Go to sign in' }} /> : <FormError error={mutation.error} />}
          <NewPasswordField label="Password" name="password" error={errors.password} />
          <Button type="submit" className="w-full" busy={mutation.isPending}>
            Set password and sign in
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
