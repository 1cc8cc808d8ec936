import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useToast } from '../components/Toast';

/**
 * The downloads a page's buttons start (exports, invoice files): which one runs (`busy`, its key
 * such as the format, until it ends) and, when one fails, a toast "<failure>: <the reason>".
 */
export function useDownload<K extends string>() {
  const toast = useToast();
  const [busy, setBusy] = useState<K | null>(null);
  const run = async (key: K, download: () => Promise<unknown>, failure: string) => {
    setBusy(key);
    try {
      await download();
    } catch (error) {
      toast.error(`${failure}: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
