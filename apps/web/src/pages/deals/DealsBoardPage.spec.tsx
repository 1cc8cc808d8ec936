import type { DealDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeDeal, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const deal = (id: string, name: string, stage: DealDto['stage'], value = '1000'): DealDto => makeDeal({ id, name, stage, value, version: 3 });

const column = (label: string) => screen.getByRole('region', { name: `${label} column` });
const cardsIn = (label: string) => within(column(label)).queryAllByRole('article').map((a) => a.getAttribute('aria-label'));

/** The board's burn bars read every deal's budget once. */
const noBudgets = { 'GET /api/v1/deals/budgets': { body: { data: [] } } };

describe('DealsBoardPage', () => {
  it('shows deals by stage with counts and totals', async () => {
    mockApi({ ...shellRoutes(), ...noBudgets, 'GET /api/v1/deals': page([deal('d1', 'Website rebuild', 'prospecting', '12000'), deal('d2', 'Audit', 'proposal', '3000')]) });
    signIn();
    renderApp('/deals');
    await screen.findByRole('article', { name: 'Website rebuild' });
    expect(cardsIn('Prospecting')).toEqual(['Website rebuild']);
    expect(cardsIn('Proposal')).toEqual(['Audit']);
    expect(within(column('Prospecting')).getAllByText('$12,000')).toHaveLength(2); // the column total and the card
    expect(screen.getByText('2 open · $15,000 in the pipeline')).toBeTruthy();
    expect(within(column('Won')).getByText('Drop a deal here')).toBeTruthy();
  });

  it('moves a deal at once and saves it with the version it showed', async () => {
    let release: () => void = () => undefined;
    const api = mockApi({
      ...shellRoutes(), ...noBudgets,
      'GET /api/v1/deals': page([deal('d1', 'Website rebuild', 'prospecting')]),
      'PATCH /api/v1/deals/:id': () => new Promise((resolve) => (release = () => resolve({ body: { ...deal('d1', 'Website rebuild', 'negotiation'), version: 4 } }))),
    });
    signIn();
    renderApp('/deals');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Stage of Website rebuild' }), { target: { value: 'negotiation' } });

    await waitFor(() => expect(cardsIn('Negotiation')).toEqual(['Website rebuild']));
    expect(cardsIn('Prospecting')).toEqual([]);
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/deals/d1')).toHaveLength(1));
    const patch = api.callsTo('PATCH', '/api/v1/deals/d1')[0];
    expect(patch.body).toEqual({ stage: 'negotiation' });
    expect(patch.headers.get('If-Match')).toBe('"3"');
    release();
    expect(await screen.findByText('"Website rebuild" moved to Negotiation')).toBeTruthy();
  });

  it('puts the card back and says why when the API refuses the move', async () => {
    mockApi({
      ...shellRoutes(), ...noBudgets,
      'GET /api/v1/deals': page([deal('d1', 'Website rebuild', 'prospecting')]),
      'PATCH /api/v1/deals/:id': { status: 412, body: { statusCode: 412, error: 'Precondition Failed', message: 'The deal changed since version 3' } },
    });
    signIn();
    renderApp('/deals');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Stage of Website rebuild' }), { target: { value: 'won' } });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not move "Website rebuild" to Won: Someone changed this record meanwhile.');
    expect(cardsIn('Prospecting')).toEqual(['Website rebuild']);
    expect(cardsIn('Won')).toEqual([]);
  });

  it('gives each card a keyboard handle with instructions', async () => {
    mockApi({ ...shellRoutes(), ...noBudgets, 'GET /api/v1/deals': page([deal('d1', 'Website rebuild', 'prospecting')]) });
    signIn();
    renderApp('/deals');
    const handle = await screen.findByRole('button', { name: 'Move Website rebuild' });
    expect(handle.getAttribute('tabindex')).toBe('0');
    const instructions = document.getElementById(handle.getAttribute('aria-describedby') ?? '');
    expect(instructions?.textContent).toContain('left and right arrow keys');
  });
});
