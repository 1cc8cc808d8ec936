import { authLogin, authLogout, authSignup, usersMe, type LoginDto, type SignupDto, type UserDto } from '@clockwork/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { unwrap } from '../api/errors';
import { sessionStore, type Session } from '../api/session';

interface AuthContextValue {
  session: Session | null;
  user: UserDto | null;
  login: (body: LoginDto) => Promise<void>;
  /** 'signed-in', or 'verify' when the server mails a verification link first (202). */
  signup: (body: SignupDto) => Promise<'signed-in' | 'verify'>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** The signed-in user, kept in sync with the stored session (refreshes, other tabs, sign-out). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(sessionStore.get);

  useEffect(() => sessionStore.subscribe(setSession), []);
  useEffect(() => {
    const onStorage = (e: StorageEvent) => e.key === 'clockwork.session' && sessionStore.reload();
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // The stored user may be stale (role changed, deactivated): refresh it once per sign-in.
  const signedIn = session !== null;
  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    unwrap(usersMe())
      .then((user) => {
        const stored = sessionStore.get();
        if (!cancelled && stored && user?.id === stored.user.id && JSON.stringify(stored.user) !== JSON.stringify(user)) sessionStore.set({ ...stored, user });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [signedIn]);

  const login = useCallback(async (body: LoginDto) => {
    sessionStore.set(sessionStore.fromTokens(await unwrap(authLogin({ body }))));
  }, []);
  const signup = useCallback(async (body: SignupDto): Promise<'signed-in' | 'verify'> => {
    const answer = await unwrap(authSignup({ body }));
    if (!answer || !('access_token' in answer)) return 'verify';
    sessionStore.set(sessionStore.fromTokens(answer));
    return 'signed-in';
  }, []);
  const logout = useCallback(async () => {
    const refresh_token = sessionStore.get()?.refresh_token;
    sessionStore.set(null);
    queryClient.clear();
    if (refresh_token) await authLogout({ body: { refresh_token } }).catch(() => undefined);
  }, [queryClient]);

  const value = useMemo(() => ({ session, user: session?.user ?? null, login, signup, logout }), [session, login, signup, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user (inside RequireAuth, never null). */
export function useMe(): UserDto {
  const { user } = useAuth();
  if (!user) throw new Error('useMe outside a signed-in page');
  return user;
}
