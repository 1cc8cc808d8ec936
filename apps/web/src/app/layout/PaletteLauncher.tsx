import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/icons';

const CommandPalette = lazy(async () => ({ default: (await import('./CommandPalette')).CommandPalette }));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The top bar's search box: opens the command palette, as Ctrl-K (Cmd-K on a Mac) does from
 * anywhere. Closing the palette puts focus back on what had it before.
 */
export function PaletteLauncher() {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setLoaded(true);
    setOpen(true);
  }, []);
  const change = useCallback((next: boolean) => {
    setOpen(next);
    if (!next) {
      const target = returnFocus.current;
      // After the dialog has unmounted (its focus trap lets go first).
      setTimeout(() => target?.isConnected && target.focus(), 0);
    }
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        if (open) change(false);
        else show();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, show, change]);

  return (
    <>
      <button
        type="button"
        onClick={show}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        className="flex items-center gap-2 rounded-lg px-2 py-1.5 text-sm text-slate-500 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600 sm:w-64 sm:px-3"
      >
        <Icon name="search" className="size-4" />
        <span className="sr-only sm:not-sr-only">Search…</span>
        <kbd aria-hidden="true" className="ml-auto hidden rounded border border-slate-200 px-1.5 font-sans text-xs text-slate-400 sm:inline">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      {loaded && (
        <Suspense fallback={null}>
          <CommandPalette open={open} onOpenChange={change} />
        </Suspense>
      )}
    </>
  );
}
