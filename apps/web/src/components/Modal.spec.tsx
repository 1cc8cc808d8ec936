import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Modal } from './Modal';

/** A page with a "New note" button opening a two-field dialog. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        New note
      </button>
      {open && (
        <Modal title="New note" onClose={() => setOpen(false)}>
          <label>
            Title <input />
          </label>
          <label>
            Body <textarea />
          </label>
        </Modal>
      )}
    </>
  );
}

describe('Modal focus', () => {
  it('moves the focus to the first field and gives it back to the opener on Escape', () => {
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'New note' });
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('gives the focus back to the opener when closed by its Close button', () => {
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'New note' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('leaves the focus in the field being typed in when the page behind re-renders (a new onClose each time)', () => {
    const { rerender } = render(<Opener />);
    const opener = screen.getByRole('button', { name: 'New note' });
    opener.focus();
    fireEvent.click(opener);
    const body = screen.getByLabelText('Body');
    body.focus();
    rerender(<Opener />);
    expect(document.activeElement).toBe(body);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(document.activeElement).toBe(opener);
  });
});

describe('Modal focus trap', () => {
  it('keeps Tab inside the dialog: from the last control to the first, and Shift+Tab back', () => {
    render(<Opener />);
    fireEvent.click(screen.getByRole('button', { name: 'New note' }));
    const close = screen.getByRole('button', { name: 'Close' });
    const body = screen.getByLabelText('Body');
    body.focus(); // the last control
    fireEvent.keyDown(body, { key: 'Tab' });
    expect(document.activeElement).toBe(close); // the first (the Close button in the title bar)
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(body);
  });
});
