import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { fieldErrorsOf } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { Button } from '../../components/Button';
import { FormError, InputField } from '../../components/Form';
import { AuthLayout, BackToSignIn } from './AuthLayout';
import { PASSWORD_HINT } from './PasswordField';

export function SignupPage() {
  const { session, signup } = useAuth();
  const navigate = useNavigate();
  const mutation = useMutation({ mutationFn: signup, onSuccess: (result) => result === 'signed-in' && navigate('/', { replace: true }) });

  if (session && !mutation.isPending) return <Navigate to="/" replace />;
  if (mutation.data === 'verify') {
    return (
      <AuthLayout
        title="Check your email"
        subtitle="One step left."
        footer={<BackToSignIn />}
      >
        <p role="status" className="text-sm text-slate-700">
          We sent a link to <strong>{mutation.variables?.email}</strong>. Open it within 24 hours to verify the address and create your organization.
        </p>
      </AuthLayout>
    );
  }
  const errors = fieldErrorsOf(mutation.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    mutation.mutate({ organization_name: text('organization_name'), name: text('name'), email: text('email'), password: String(data.get('password') ?? '') });
  };

  return (
    <AuthLayout
      title="Create your organization"
      subtitle="You will be its first admin; invite your team afterwards."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/login" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError error={mutation.error} />
        <InputField label="Organization" name="organization_name" autoComplete="organization" errors={errors} />
        <InputField label="Your name" name="name" autoComplete="name" errors={errors} />
        <InputField label="Work email" name="email" type="email" autoComplete="email" errors={errors} />
        <InputField label="Password" name="password" type="password" autoComplete="new-password" errors={errors} hint={PASSWORD_HINT} />
        <Button type="submit" className="w-full" busy={mutation.isPending}>
          Create organization
        </Button>
      </form>
    </AuthLayout>
  );
}
