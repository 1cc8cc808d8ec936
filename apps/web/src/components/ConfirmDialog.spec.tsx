import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useConfirm } from './ConfirmDialog';

function DeleteButton({ onDelete }: { onDelete: () => void }) {
  const confirm = useConfirm();
  return (
    <>
      {confirm.dialog}
      <button type="button" onClick={() => confirm.ask({ title: 'Delete the rule', message: 'Delete the rule “Portal”?', confirmLabel: 'Delete rule', onConfirm: onDelete })}>
        Delete Portal
      </button>
    </>
  );
}

describe('useConfirm', () => {
  it('asks in a labelled dialog with the focus on Cancel, and does nothing when cancelled', () => {
    const onDelete = vi.fn();
    render(<DeleteButton onDelete={onDelete} />);
    const opener = screen.getByRole('button', { name: 'Delete Portal' });
    opener.focus();
    fireEvent.click(opener);
    expect(screen.getByRole('dialog', { name: 'Delete the rule' }).textContent).toContain('Delete the rule “Portal”?');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(onDelete).not.toHaveBeenCalled();
  });

  it('runs the action once confirmed', () => {
    const onDelete = vi.fn();
    render(<DeleteButton onDelete={onDelete} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete Portal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete rule' }));
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
