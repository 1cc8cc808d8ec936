import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RecordPageState } from './States';

describe('RecordPageState', () => {
  it('says which record is loading', () => {
    render(<RecordPageState query={{ isPending: true, error: null, refetch: vi.fn() }} noun="deal" />);
    expect(screen.getByRole('status').textContent).toContain('Loading deal…');
  });

  it('names the record that could not be loaded, with a retry that refetches', () => {
    const refetch = vi.fn();
    render(<RecordPageState query={{ isPending: false, error: new Error('boom'), refetch }} noun="invoice" />);
    expect(screen.getByRole('alert').textContent).toContain('Could not load this invoice');
    screen.getByRole('button', { name: 'Retry' }).click();
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
