import { NavLink } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { Icon } from '../../components/icons';
import { UNRESOLVED_COUNT_LIMIT, useUnresolvedConflictCount } from '../../pages/sync-conflicts/sync-conflicts.queries';
import { visibleNavItems } from './nav-items';

const linkClass = ({ isActive }: { isActive: boolean }) =>
  [
    'group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
    isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
  ].join(' ');

/** The unresolved sync conflicts beside their nav item: hidden at zero, read as ", 3 unresolved". */
function UnresolvedConflictsBadge() {
  const { data } = useUnresolvedConflictCount(true);
  if (!data || data.count === 0) return null;
  const shown = data.more ? `${UNRESOLVED_COUNT_LIMIT}+` : String(data.count);
  return (
    <>
      <span className="sr-only">, {shown} unresolved</span>
      <span aria-hidden="true" className="ml-auto rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
        {shown}
      </span>
    </>
  );
}

/** The sections the signed-in role may use; `onNavigate` lets the phone drawer close itself. */
export function SidebarNav({ label, onNavigate }: { label: string; onNavigate?: () => void }) {
  const { user } = useAuth();
  return (
    <nav aria-label={label} className="flex flex-1 flex-col">
      <ul className="space-y-1">
        {visibleNavItems(user?.role).map((item) => (
          <li key={item.path}>
            <NavLink to={item.path} end={item.path === '/'} className={linkClass} onClick={onNavigate}>
              <Icon name={item.icon} className="size-5 shrink-0 opacity-80 group-aria-[current=page]:opacity-100" />
              {item.shownLabel}
              {item.badge === 'unresolved-conflicts' && <UnresolvedConflictsBadge />}
            </NavLink>
          </li>
        ))}
      </ul>
      <p className="mt-auto px-3 pt-6 text-xs text-slate-400">Clockwork CRM · v0.1</p>
    </nav>
  );
}
