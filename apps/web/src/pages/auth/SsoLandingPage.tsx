import { ssoLoginExchange } from '@clockwork/api-client';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage, unwrap } from '../../api/errors';
import { sessionStore } from '../../api/session';
import { AuthLayout } from './AuthLayout';

/** Each code is exchanged once, even when React runs the effect twice (StrictMode) or the page re-renders. */
const exchanges = new Map<string, Promise<void>>();

function exchangeOnce(code: string): Promise<void> {
  let pending = exchanges.get(code);
  if (!pending) {
    pending = unwrap(ssoLoginExchange({ body: { code } })).then((tokens) => sessionStore.set(sessionStore.fromTokens(tokens)));
    exchanges.set(code, pending);
  }
  return pending;
}

/** What to tell the person when the code does not work. */
export function ssoFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 400) return 'This sign-in link has expired or was already used. Sign in again with your organization’s identity provider.';
  return errorMessage(error);
}

/**
 * Where an SSO login lands (`/sso#code=...`): the one-time code is taken out of the address
 * (and the history) at once, then exchanged by POST for the session's tokens.
 */
export function SsoLandingPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [code] = useState(() => new URLSearchParams(location.hash.replace(/^#/, '')).get('code'));
  const [error, setError] = useState<string | null>(code ? null : 'This sign-in link is incomplete. Start the sign-in again.');

  useEffect(() => {
    if (location.hash) navigate({ pathname: location.pathname, search: '', hash: '' }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  useEffect(() => {
    if (!code) return;
    let active = true;
    exchangeOnce(code).then(
      () => active && navigate('/', { replace: true }),
      (e: unknown) => active && setError(ssoFailure(e)),
    );
    return () => {
      active = false;
    };
  }, [code, navigate]);

  return (
    <AuthLayout
      title={error ? 'Single sign-on failed' : 'Signing you in'}
      subtitle={error ? 'We could not complete the sign-in.' : 'Completing your single sign-on…'}
      footer={
        <Link to="/login" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Back to sign in
        </Link>
      }
    >
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p role="status" className="text-sm text-slate-600">
          One moment…
        </p>
      )}
    </AuthLayout>
  );
}
