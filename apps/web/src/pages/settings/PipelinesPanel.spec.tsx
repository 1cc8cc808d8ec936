import type { PipelineDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, makePipeline, makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

/** The default pipeline with 3 deals in Proposal. */
const SALES: PipelineDto = { ...DEFAULT_PIPELINE, stages: DEFAULT_PIPELINE.stages.map((s) => (s.key === 'proposal' ? { ...s, deal_count: 3 } : s)) };
const list = (...pipelines: PipelineDto[]) => ({ body: { data: pipelines } });

describe('Settings: pipelines', () => {
  it('creates a pipeline with starter stages, then shows it', async () => {
    let pipelines = [SALES];
    const created = makePipeline('p2', 'Renewals', [['lead', 'Lead', 'open'], ['won', 'Won', 'won'], ['lost', 'Lost', 'lost']]);
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/pipelines': () => list(...pipelines),
      'POST /api/v1/pipelines': () => ((pipelines = [SALES, created]), { status: 201, body: created }),
    });
    signIn();
    renderApp('/settings?tab=pipelines');
    const form = await screen.findByRole('form', { name: 'New pipeline' });
    fireEvent.change(within(form).getByLabelText('New pipeline name'), { target: { value: 'Renewals' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create pipeline' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/pipelines')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/v1/pipelines')[0].body).toEqual({
      name: 'Renewals',
      stages: [
        { name: 'Lead', probability: 0.1, kind: 'open' },
        { name: 'Won', probability: 1, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    expect(await screen.findByRole('list', { name: 'Stages of Renewals' })).toBeTruthy();
    expect(await screen.findByText('Pipeline Renewals created')).toBeTruthy();
  }, 20_000);

  it('reorders stages, saves a stage as percent, and deletes a stage with deals by moving them', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/pipelines': list(SALES),
      'PUT /api/v1/pipelines/:id/stage-order': { body: SALES },
      'PATCH /api/v1/pipelines/:id/stages/:key': { body: SALES },
      'DELETE /api/v1/pipelines/:id/stages/:key': { body: SALES },
    });
    signIn();
    renderApp('/settings?tab=pipelines');
    const stages = await screen.findByRole('list', { name: 'Stages of Sales' });
    expect(within(stages).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']);

    fireEvent.click(within(stages).getByRole('button', { name: 'Move Proposal up' }));
    await waitFor(() => expect(api.callsTo('PUT', `/api/v1/pipelines/${SALES.id}/stage-order`)).toHaveLength(1));
    expect(api.callsTo('PUT', `/api/v1/pipelines/${SALES.id}/stage-order`)[0].body).toEqual({ keys: ['prospecting', 'proposal', 'qualification', 'negotiation', 'won', 'lost'] });

    const proposal = within(stages).getByRole('form', { name: 'Stage Proposal' });
    fireEvent.change(within(proposal).getByLabelText('Win chance of Proposal (%)'), { target: { value: '55' } });
    fireEvent.click(within(proposal).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PATCH', `/api/v1/pipelines/${SALES.id}/stages/proposal`)).toHaveLength(1));
    expect(api.callsTo('PATCH', `/api/v1/pipelines/${SALES.id}/stages/proposal`)[0].body).toEqual({ name: 'Proposal', probability: 0.55 });

    fireEvent.click(within(stages).getByRole('button', { name: 'Delete Proposal' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the stage Proposal?' });
    expect(dialog.textContent).toContain('3 deal(s) are in Proposal');
    fireEvent.change(within(dialog).getByLabelText('Move its deals to'), { target: { value: 'negotiation' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move deals and delete' }));
    await waitFor(() => expect(api.callsTo('DELETE', `/api/v1/pipelines/${SALES.id}/stages/proposal`)).toHaveLength(1));
    expect(api.callsTo('DELETE', `/api/v1/pipelines/${SALES.id}/stages/proposal`)[0].query).toEqual({ move_to: 'negotiation' });
  }, 20_000);

  it('shows the field a 400 names', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/pipelines': list(SALES),
      'POST /api/v1/pipelines/:id/stages': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'probability', errors: ['probability must be a number from 0 to 1'] }] } },
    });
    signIn();
    renderApp('/settings?tab=pipelines');
    const form = await screen.findByRole('form', { name: 'New stage' });
    fireEvent.change(within(form).getByLabelText('Stage name'), { target: { value: 'Pilot' } });
    fireEvent.change(within(form).getByLabelText('Win chance (%)'), { target: { value: '150' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add stage' }));
    expect(await within(form).findByText('probability must be a number from 0 to 1')).toBeTruthy();
  });

  it('says so when the pipelines cannot be read', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/pipelines': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'down' } } });
    signIn();
    renderApp('/settings?tab=pipelines');
    expect(await screen.findByText('Could not load this')).toBeTruthy();
  });

  it('is not offered to managers (the users tab opens instead)', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/time-entries/unlinked-employees': page([]), 'GET /api/v1/users/invitations': { body: { data: [] } } });
    signIn(makeUser('manager'));
    renderApp('/settings?tab=pipelines');
    await screen.findByRole('tablist', { name: 'Settings sections' });
    expect(screen.queryByRole('tab', { name: 'Pipelines' })).toBeNull();
  });
});
