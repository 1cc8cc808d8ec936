import { useCallback, useRef, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { Header } from './Header';
import { MobileNav } from './MobileNav';
import { SidebarNav } from './SidebarNav';

/** Header, sidebar (a drawer behind the menu button on phones) and the routed page. */
export function AppShell() {
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  const closeMenu = useCallback(() => {
    setMenuOpen(false);
    menuButton.current?.focus();
  }, []);
  const closeAfterNavigation = useCallback(() => setMenuOpen(false), []);

  return (
    <div className="min-h-dvh">
      <a
        href="#main-content"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow"
      >
        Skip to main content
      </a>
      <Header menuOpen={menuOpen} onMenuClick={() => setMenuOpen((open) => !open)} menuButtonRef={menuButton} />
      {menuOpen && <MobileNav onClose={closeMenu} onNavigate={closeAfterNavigation} />}
      <div className="flex min-h-[calc(100dvh-4rem)]">
        <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white md:block">
          <div className="sticky top-16 flex h-[calc(100dvh-4rem)] flex-col overflow-y-auto px-4 py-6">
            <SidebarNav label="Main" />
          </div>
        </aside>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 lg:px-10 lg:py-10">
          <div className="mx-auto max-w-7xl">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  );
}
