import { Link } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError } from '../../components/Form';
import { useVerifyEmail } from './auth.queries';
import { AuthLayout, BackToSignIn } from './AuthLayout';
import { useLinkToken } from './link-token';
import { TokenError } from './TokenError';

/** The landing of the signup verification link: one press verifies and signs in (link scanners never press). */
export function VerifyEmailPage() {
  const token = useLinkToken();
  const mutation = useVerifyEmail(token);
  const tokenRefused = mutation.error instanceof ApiError && !!mutation.error.fieldErrors.token;
  return (
    <AuthLayout title="Verify your email" subtitle="One step left to create your organization." footer={<BackToSignIn />}>
      {!token ? (
        <p role="alert" className="text-sm text-slate-700">
          The verification link is incomplete. Open it again from the email, or <Link to="/signup" className="font-semibold text-indigo-600 underline">sign up again</Link>.
        </p>
      ) : (
        <div className="space-y-4">
          {tokenRefused ? <TokenError error={mutation.error} retry={{ to: '/signup', label: 'Sign up again' }} /> : <FormError error={mutation.error} />}
          <Button className="w-full" busy={mutation.isPending} onClick={() => mutation.mutate()}>
            Verify and sign in
          </Button>
        </div>
      )}
    </AuthLayout>
  );
}
