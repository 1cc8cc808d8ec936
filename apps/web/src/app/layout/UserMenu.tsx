import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDismiss } from './use-dismiss';
import { useAuth } from '../../auth/AuthProvider';
import { roleLabels } from '../../auth/permissions';
import { Icon } from '../../components/icons';
import { initials } from '../../lib/format';

/** The signed-in person, their organization and role, "Your account" (password) and "Sign out". */
export function UserMenu() {
  const { session, logout } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);

  useDismiss(open, close, box);

  if (!session) return null;
  const { user, organization } = session;
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-lg p-1 pr-2 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
          {initials(user.name)}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block text-sm leading-4 font-medium text-slate-900">{user.name}</span>
          <span className="block text-xs text-slate-500">{organization.name}</span>
        </span>
        <span className="sr-only">Account menu</span>
        <Icon name="chevronDown" className="hidden size-4 text-slate-400 sm:block" />
      </button>
      {open && (
        <div role="menu" className="absolute right-0 mt-2 w-60 rounded-xl border border-slate-200 bg-white p-1 shadow-lg shadow-slate-900/10">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-slate-900">{user.email}</p>
            <p className="text-xs text-slate-500">
              {roleLabels[user.role]} · {organization.name}
            </p>
          </div>
          <div className="my-1 border-t border-slate-100" />
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              close();
              navigate('/account');
            }}
            className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <Icon name="user" className="size-4" />
            Your account
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={async () => {
              await logout();
              navigate('/login', { replace: true });
            }}
            className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <Icon name="logout" className="size-4" />
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
