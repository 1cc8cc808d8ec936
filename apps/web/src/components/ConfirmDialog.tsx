import { useCallback, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Modal } from './Modal';

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** 'danger' for what cannot be undone (delete, revoke) */
  tone?: 'danger' | 'primary';
  onConfirm: () => void;
}

/**
 * "Are you sure?" in the app's own dialog (not window.confirm): labelled, focus on Cancel (the
 * safe answer), Escape cancels, the focus goes back to the button that asked.
 */
export function useConfirm() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const ask = useCallback((r: ConfirmRequest) => setRequest(r), []);
  const cancel = useCallback(() => setRequest(null), []);
  const dialog = request && (
    <Modal title={request.title} onClose={cancel}>
      <p className="text-sm text-slate-600">{request.message}</p>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={cancel}>
          Cancel
        </Button>
        <Button
          variant={request.tone === 'primary' ? 'primary' : 'danger'}
          onClick={() => {
            setRequest(null);
            request.onConfirm();
          }}
        >
          {request.confirmLabel}
        </Button>
      </div>
    </Modal>
  );
  return { ask, dialog };
}
