import { RefObject, useEffect } from 'react';

/**
 * While a popover is open, a press outside `box` or the Escape key closes it. Escape also puts
 * the focus back on the popover's opener (the first button in `box`) when it was inside the
 * popover, so a keyboard user is not dropped at the top of the page.
 */
export function useDismiss(open: boolean, close: () => void, box: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && close();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const focusInside = !!box.current?.contains(document.activeElement);
      close();
      if (focusInside) box.current?.querySelector<HTMLElement>('button')?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close, box]);
}
