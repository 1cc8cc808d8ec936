import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrorsOf } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../components/Button';
import { Field, FormError, Input } from '../../components/Form';
import { AuthLayout } from './AuthLayout';

/** Where to go after signing in: the page that sent us here, if it is one of ours. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
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
        <Field label="Email" error={errors.email}>
          <Input name="email" type="email" autoComplete="email" required />
        </Field>
        <Field label="Password" error={errors.password}>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <p className="-mt-2 text-right text-sm">
          <Link to="/forgot-password" className="font-medium text-indigo-600 hover:text-indigo-500">
            Forgot password?
          </Link>
        </p>
        <Button type="submit" className="w-full" busy={mutation.isPending}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
