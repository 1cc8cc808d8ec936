import { act, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { ToastProvider } from '../components/Toast';
import { useDownload } from './use-download';

const wrapper = ({ children }: { children: ReactNode }) => <ToastProvider>{children}</ToastProvider>;

describe('useDownload', () => {
  it('marks the running download busy until it ends', async () => {
    const { result } = renderHook(() => useDownload<'csv' | 'pdf'>(), { wrapper });
    let finish: (() => void) | undefined;
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run('pdf', () => new Promise<void>((resolve) => (finish = resolve)), 'Could not export');
    });
    expect(result.current.busy).toBe('pdf');
    await act(async () => {
      finish?.();
      await running;
    });
    expect(result.current.busy).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why a download failed in an error toast, and is no longer busy', async () => {
    const { result } = renderHook(() => useDownload<'csv'>(), { wrapper });
    await act(() => result.current.run('csv', () => Promise.reject(new ApiError(500, 'The export failed.')), 'Could not export the invoices'));
    expect(screen.getByRole('alert').textContent).toBe('Could not export the invoices: The export failed.Dismiss');
    expect(result.current.busy).toBeNull();
  });
});
