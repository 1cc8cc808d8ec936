import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { GridFormEnd } from './Form';

describe('GridFormEnd', () => {
  it('puts the submit button in a cell of the grid, and the error across it only after a failure', () => {
    const { rerender } = render(
      <form aria-label="Budget" className="grid grid-cols-2">
        <GridFormEnd busy={false} error={null} span="col-span-2" size="sm">
          Save budget
        </GridFormEnd>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Save budget' });
    expect(button.getAttribute('type')).toBe('submit');
    expect(screen.queryByRole('alert')).toBeNull();

    rerender(
      <form aria-label="Budget" className="grid grid-cols-2">
        <GridFormEnd busy error={new ApiError(409, 'Another rate of the same scope covers these days')} span="col-span-2" icon="plus">
          Add rate
        </GridFormEnd>
      </form>,
    );
    expect(screen.getByRole('button', { name: 'Add rate' }).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('Another rate of the same scope covers these days');
    expect(screen.getByRole('alert').parentElement?.className).toBe('col-span-2');
  });
});
