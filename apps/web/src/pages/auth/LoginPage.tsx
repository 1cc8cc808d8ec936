import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrorsOf } from '../../api/errors';
import { startSsoLogin } from '../../api/sso-start';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../components/Button';
import { Field, FormError, Input, InputField } from '../../components/Form';
import { AuthLayout } from './AuthLayout';

/** Where to go after signing in: the page that sent us here, if it is one of ours. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * "Sign in with SSO": asks for the organization's slug (or id), then leaves for the API's start
 * address (a full-page navigation: the API redirects to the identity provider, which later
 * returns to /sso).
 */
function SsoSignIn() {
  const [error, setError] = useState('');
  const [leaving, setLeaving] = useState(false);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const organization = String(new FormData(e.currentTarget).get('organization') ?? '').trim();
    if (!organization) return setError('Enter your organization’s slug or ID.');
    setError('');
    setLeaving(true);
    startSsoLogin(organization);
  };
  return (
    <form onSubmit={submit} aria-label="Sign in with SSO" className="space-y-3" noValidate>
      <Field label="Organization" error={error} hint="Its short name (slug) or ID, as given by your administrator.">
        <Input name="organization" autoComplete="organization" autoCapitalize="none" spellCheck={false} />
      </Field>
      <Button type="submit" variant="secondary" icon="key" className="w-full" busy={leaving}>
        Sign in with SSO
      </Button>
    </form>
  );
}

export function LoginPage() {
  const { session, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const mutation = useMutation({ mutationFn: login, onSuccess: () => navigate(next, { replace: true }) });

  if (session && !mutation.isPending) return <Navigate to={next} replace />;
  const errors = fieldErrorsOf(mutation.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    mutation.mutate({ email: String(data.get('email')), password: String(data.get('password')) });
  };

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back to Clockwork CRM."
      footer={
        <>
          New here?{' '}
          <Link to="/signup" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Create an organization
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError error={mutation.error} />
        <InputField label="Email" name="email" type="email" autoComplete="email" required errors={errors} />
        <InputField label="Password" name="password" type="password" autoComplete="current-password" required errors={errors} />
        <p className="-mt-2 text-right text-sm">
          <Link to="/forgot-password" className="font-medium text-indigo-600 hover:text-indigo-500">
            Forgot password?
          </Link>
        </p>
        <Button type="submit" className="w-full" busy={mutation.isPending}>
          Sign in
        </Button>
      </form>
      <div className="my-6 flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <SsoSignIn />
    </AuthLayout>
  );
}
