import { ssoLoginExchange } from '@clockwork/api-client';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage, unwrap } from '../../api/errors';
import { sessionStore } from '../../api/session';
import { AuthLayout, BackToSignIn } from './AuthLayout';

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

/** What the api's callback means by `/sso#error=<code>` (the text is the web app's own, never taken from the URL). */
export const SSO_ERRORS: Record<string, string> = {
  expired: 'This sign-in took too long or was already used. Start the single sign-on again.',
  other_browser: 'This sign-in was started in another browser or tab that is gone. Start the single sign-on again from this browser.',
  refused: 'Your account is not allowed to sign in here with single sign-on (unverified email, another domain, or a deactivated user). Ask your administrator.',
  provider_refused: 'Your identity provider did not confirm the sign-in. Start the single sign-on again.',
  provider_unreachable: 'Your identity provider could not be reached. Try again in a moment.',
  failed: 'The single sign-on could not be completed. Start it again, or ask your administrator.',
};

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
  const [landing] = useState(() => new URLSearchParams(location.hash.replace(/^#/, '')));
  const code = landing.get('code');
  const failure = landing.get('error');
  const [error, setError] = useState<string | null>(failure ? (SSO_ERRORS[failure] ?? SSO_ERRORS['failed']) : code ? null : 'This sign-in link is incomplete. Start the sign-in again.');

  useEffect(() => {
    if (location.hash) navigate({ pathname: location.pathname, search: '', hash: '' }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  useEffect(() => {
    if (!code || failure) return;
    let active = true;
    exchangeOnce(code).then(
      () => active && navigate('/', { replace: true }),
      (e: unknown) => active && setError(ssoFailure(e)),
    );
    return () => {
      active = false;
    };
  }, [code, failure, navigate]);

  return (
    <AuthLayout
      title={error ? 'Single sign-on failed' : 'Signing you in'}
      subtitle={error ? 'We could not complete the sign-in.' : 'Completing your single sign-on…'}
      footer={<BackToSignIn />}
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
