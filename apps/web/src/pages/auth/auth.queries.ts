import { acceptInvitationAccept, authChangePassword, authConfirmPasswordReset, authRequestPasswordReset, authVerifyEmail, type ChangePasswordDto } from '@clockwork/api-client';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { unwrap } from '../../api/errors';
import { sessionStore } from '../../api/session';

/**
 * The account flows' calls (mailed links, password changes). Sign-in, sign-up and sign-out live
 * in AuthProvider, which owns the session; none of these reads or writes the query cache.
 */

/** A mailed link whose token, once accepted, signs the browser in: the session is stored and the app opens. */
function useSignInByLink<V>(call: (value: V) => ReturnType<typeof authVerifyEmail>) {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (value: V) => unwrap(call(value)),
    onSuccess: (tokens) => {
      sessionStore.set(sessionStore.fromTokens(tokens));
      navigate('/', { replace: true });
    },
  });
}

/** Verifies a signup's email and signs in. */
export const useVerifyEmail = (token: string) => useSignInByLink<void>(() => authVerifyEmail({ body: { token } }));

/** Accepts an invitation with the chosen password and signs in. */
export const useAcceptInvitation = (token: string) => useSignInByLink<string>((password) => acceptInvitationAccept({ body: { token, password } }));

export const useRequestPasswordReset = () => useMutation({ mutationFn: (email: string) => unwrap(authRequestPasswordReset({ body: { email } })) });

export const useConfirmPasswordReset = (token: string) => useMutation({ mutationFn: (new_password: string) => unwrap(authConfirmPasswordReset({ body: { token, new_password } })) });

export const useChangePassword = (onChanged: () => void) => useMutation({ mutationFn: (body: ChangePasswordDto) => unwrap(authChangePassword({ body })), onSuccess: onChanged });
