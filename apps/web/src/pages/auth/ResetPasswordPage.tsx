import { Link } from 'react-router-dom';
import { ButtonLink } from '../../components/Button';
import { useConfirmPasswordReset } from './auth.queries';
import { AuthLayout, BackToSignIn } from './AuthLayout';
import { LinkPasswordForm } from './LinkPasswordForm';
import { useLinkToken } from './link-token';

const newLink = { to: '/forgot-password', label: 'Ask for a new link' };
export function ResetPasswordPage() {
  const token = useLinkToken();
  const mutation = useConfirmPasswordReset(token);

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
  return (
    <AuthLayout title="Choose a new password" subtitle="Setting it signs you out on every device." footer={<BackToSignIn />}>
      <LinkPasswordForm mutation={mutation} field="new_password" label="New password" retry={newLink}>
        Set new password
      </LinkPasswordForm>
    </AuthLayout>
  );
}
