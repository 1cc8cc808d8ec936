import type { DealDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, makeDeal, makePipeline, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const deal = (id: string, name: string, stage: DealDto['stage'], value = '1000'): DealDto => makeDeal({ id, name, stage, value, version: 3 });

const column = (label: string) => screen.getByRole('region', { name: `${label} column` });
const cardsIn = (label: string) => within(column(label)).queryAllByRole('article').map((a) => a.getAttribute('aria-label'));

/** A second pipeline, with stages of its own. */
const RENEWALS = makePipeline('pipeline-renewals', 'Renewals', [
  ['due', 'Due soon', 'open'],
  ['offer', 'Offer sent', 'open'],
  ['renewed', 'Renewed', 'won'],
  ['churned', 'Churned', 'lost'],
]);

/** The board's burn bars read every deal's budget once; its columns are the stages of its pipeline. */
const noBudgets = {
  'GET /api/v1/deals/budgets': { body: { data: [] } },
  'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE] } },
  // The cards' win chances (pages/insights): none here.
  'GET /api/v1/insights/win-probabilities': { body: { model: {}, deals: [], weighted: [] } },
  'GET /api/v1/insights/deal-health': { body: { data: [], next_cursor: null } },
};

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
    // dnd-kit mounts its hidden instructions after the board's first render.
    await waitFor(() => expect(document.getElementById(handle.getAttribute('aria-describedby') ?? '')?.textContent).toContain('left and right arrow keys'));
  });

  it('shows the pipeline picked in the URL with its own stages, and asks for its deals only', async () => {
    const renewal = makeDeal({ id: 'r1', name: 'Acme renewal', pipeline_id: RENEWALS.id, stage: 'offer', version: 2 });
    const api = mockApi({
      ...shellRoutes(),
      ...noBudgets,
      'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE, RENEWALS] } },
      'GET /api/v1/deals': (call) => (call.query['pipeline_id'] === RENEWALS.id ? page([renewal]) : page([deal('d1', 'Website rebuild', 'prospecting')])),
      'PATCH /api/v1/deals/:id': { body: { ...renewal, stage: 'renewed', version: 3 } },
    });
    signIn();
    renderApp(`/deals?pipeline=${RENEWALS.id}`);
    await screen.findByRole('article', { name: 'Acme renewal' });
    expect(screen.getAllByRole('region', { name: / column$/ }).map((r) => r.getAttribute('aria-label'))).toEqual(['Due soon column', 'Offer sent column', 'Renewed column', 'Churned column']);
    expect(cardsIn('Offer sent')).toEqual(['Acme renewal']);
    expect(screen.getByText('1 open · $1,000 in the pipeline')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Pipeline' }) as HTMLSelectElement).value).toBe(RENEWALS.id);

    fireEvent.change(screen.getByRole('combobox', { name: 'Stage of Acme renewal' }), { target: { value: 'renewed' } });
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/deals/r1')).toHaveLength(1));
    expect(api.callsTo('PATCH', '/api/v1/deals/r1')[0].body).toEqual({ stage: 'renewed' });
    expect(await screen.findByText('"Acme renewal" moved to Renewed')).toBeTruthy();

    // Back to the default pipeline through the picker.
    fireEvent.change(screen.getByRole('combobox', { name: 'Pipeline' }), { target: { value: '' } });
    await screen.findByRole('article', { name: 'Website rebuild' });
    expect(cardsIn('Prospecting')).toEqual(['Website rebuild']);
  }, 20_000);

  it('says so when the pipelines cannot be read', async () => {
    mockApi({ ...shellRoutes(), ...noBudgets, 'GET /api/v1/pipelines': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'down' } } });
    signIn();
    renderApp('/deals');
    expect(await screen.findByText('Could not load this')).toBeTruthy();
  });
});
