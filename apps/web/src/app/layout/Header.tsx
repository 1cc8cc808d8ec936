import type { Ref } from 'react';
import { Link } from 'react-router-dom';
import { Icon } from '../../components/icons';
import { Logo } from './Logo';
import { NotificationsBell } from './NotificationsBell';
import { PaletteLauncher } from './PaletteLauncher';
import { UserMenu } from './UserMenu';

interface HeaderProps {
  menuOpen: boolean;
  onMenuClick: () => void;
  menuButtonRef: Ref<HTMLButtonElement>;
}

export function Header({ menuOpen, onMenuClick, menuButtonRef }: HeaderProps) {
  return (
    <header className="sticky top-0 z-30 flex h-16 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6">
      <button
        ref={menuButtonRef}
        type="button"
        onClick={onMenuClick}
        aria-expanded={menuOpen}
        aria-controls="mobile-navigation"
        className="-ml-1 rounded-lg p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 md:hidden"
      >
        <Icon name="menu" />
        <span className="sr-only">Open navigation</span>
      </button>
      <Link to="/" className="rounded-lg focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600">
        <Logo />
      </Link>
      <div className="ml-auto flex items-center gap-1 sm:gap-2">
        <PaletteLauncher />
        <a
          href="/api/docs"
          target="_blank"
          rel="noreferrer"
          className="hidden items-center gap-1.5 rounded-lg px-3 py-1.5 text-sm sm:inline-flex font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <Icon name="docs" className="size-4" />
          <span className="hidden sm:inline">API docs</span>
          <span className="sr-only sm:hidden">API docs</span>
        </a>
        <NotificationsBell />
        <UserMenu />
      </div>
    </header>
  );
}
