import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { NotAllowed } from '../components/NotAllowed';
import { useAuth } from './AuthProvider';
import { canSee, type Section } from './permissions';

/** Sends signed-out visitors to the sign-in page (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A page only some roles may use; the others get a clear message instead of failing calls. */
export function RequireSection({ section, children }: { section: Section; children: ReactNode }) {
  const { user } = useAuth();
  return canSee(user?.role, section) ? children : <NotAllowed />;
}
