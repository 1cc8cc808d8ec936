import type { FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError, InputField } from '../../components/Form';
import { useRequestPasswordReset } from './auth.queries';
import { AuthLayout, BackToSignIn } from './AuthLayout';

export function ForgotPasswordPage() {
  const mutation = useRequestPasswordReset();
  const errors = fieldErrorsOf(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate(String(new FormData(e.currentTarget).get('email') ?? '').trim());
  };

  if (mutation.isSuccess) {
    return (
      <AuthLayout title="Check your email" subtitle="A reset link is on its way." footer={<BackToSignIn />}>
        <p role="status" className="text-sm text-slate-700">
          {mutation.data.message}
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Forgot your password?" subtitle="Enter your email and we will send you a link to choose a new one." footer={<BackToSignIn />}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError error={mutation.error} />
        <InputField label="Email" name="email" type="email" autoComplete="email" required errors={errors} />
        <Button type="submit" className="w-full" busy={mutation.isPending}>
          Send reset link
        </Button>
      </form>
    </AuthLayout>
  );
}
