import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { QueryCard } from './QueryCard';
import { EmptyState } from './States';

const loaded = { isPending: false, error: null, refetch: vi.fn() };
const card = (query: typeof loaded | { isPending: boolean; error: unknown; refetch: () => unknown }, rows: string[]) => (
  <QueryCard title="Fruit" query={query} isEmpty={rows.length === 0} empty={<EmptyState title="No fruit yet" />}>
    <ul aria-label="Fruit">
      {rows.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  </QueryCard>
);

describe('QueryCard', () => {
  it('shows the loading state while the query is pending', () => {
    render(card({ ...loaded, isPending: true }, []));
    expect(screen.getByRole('heading', { name: 'Fruit' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Loading…');
    expect(screen.queryByText('No fruit yet')).toBeNull();
  });

  it('shows the error with a retry that refetches', () => {
    const refetch = vi.fn();
    render(card({ isPending: false, error: new Error('boom'), refetch }, ['apple']));
    expect(screen.getByRole('alert').textContent).toContain('Could not load this');
    screen.getByRole('button', { name: 'Retry' }).click();
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('list', { name: 'Fruit' })).toBeNull();
  });

  it('shows the empty state, and not the content, when there is nothing', () => {
    render(card(loaded, []));
    expect(screen.getByText('No fruit yet')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Fruit' })).toBeNull();
  });

  it('shows the content when there is some', () => {
    render(card(loaded, ['apple', 'pear']));
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['apple', 'pear']);
    expect(screen.queryByText('No fruit yet')).toBeNull();
  });
});
