import { useEffect, useRef } from 'react';
import { Icon } from '../../components/icons';
import { Logo } from './Logo';
import { SidebarNav } from './SidebarNav';

/** The sidebar as a drawer on small screens; rendered only while open. */
export function MobileNav({ onClose, onNavigate }: { onClose: () => void; onNavigate: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 md:hidden">
      <div className="absolute inset-0 bg-slate-900/40 backdrop-blur-[1px]" aria-hidden="true" onClick={onClose} />
      <div
        id="mobile-navigation"
        role="dialog"
        aria-modal="true"
        aria-label="Navigation menu"
        className="absolute inset-y-0 left-0 flex w-72 max-w-[85%] flex-col bg-white px-4 pb-4 shadow-xl"
      >
        <div className="flex h-16 items-center justify-between">
          <Logo />
          <button
            ref={closeButton}
            type="button"
            onClick={onClose}
            className="rounded-lg p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <Icon name="close" />
            <span className="sr-only">Close navigation</span>
          </button>
        </div>
        <SidebarNav label="Main" onNavigate={onNavigate} />
      </div>
    </div>
  );
}
