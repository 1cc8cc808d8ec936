import { Link } from 'react-router-dom';
import { useAcceptInvitation } from './auth.queries';
import { AuthLayout } from './AuthLayout';
import { LinkPasswordForm } from './LinkPasswordForm';
import { useLinkToken } from './link-token';

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
  return (
    <AuthLayout title="Join your team" subtitle="Choose the password you will sign in with." footer={footer}>
      {!token ? (
        <p role="alert" className="text-sm text-slate-700">
          The invitation link is incomplete. Open it again from the email, or ask whoever invited you to send a new one.
        </p>
      ) : (
        <LinkPasswordForm mutation={mutation} field="password" label="Password" retry={{ to: '/login', label: 'Go to sign in' }}>
          Set password and sign in
        </LinkPasswordForm>
      )}
    </AuthLayout>
  );
}
