import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, reportsPageRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const filters = { date_from: null, date_to: null, group_by: 'stage', deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null };
const figures = { entries: 0, seconds: 0, hours: 0, billable_seconds: 0, billable_hours: 0 };
const row = (weighting: 'model' | 'stage', weighted_value: string) => ({ stage: 'proposal', currency: 'USD', count: 2, value: '5000.00', probability: 0.5, weighted_value, weighting });

function pipeline(weighting: 'model' | 'stage', weighted: string, rows = [row(weighting, weighted)]) {
  return {
    body: {
      filters,
      rows,
      stage_times: [],
      totals: {
        count: rows.length ? 2 : 0,
        weighting,
        model_trained_at: weighting === 'model' ? '2026-03-02T10:00:00.000Z' : null,
        by_currency: rows.length ? [{ currency: 'USD', count: 2, value: '5000.00', weighted_value: weighted, weighting }] : [],
        won: 0,
        lost: 0,
        win_rate: null,
      },
    },
  };
}

async function pipelineCard(reply: { status?: number; body?: unknown } | (() => Promise<{ body: unknown }>)) {
  mockApi({ ...shellRoutes(), ...reportsPageRoutes(), 'GET /api/v1/reports/time-per-deal': { body: { filters, rows: [], totals: figures } }, 'GET /api/v1/reports/pipeline': reply });
  signIn();
  renderApp('/reports');
  const heading = await screen.findByRole('heading', { name: 'Pipeline by stage' });
  return heading.closest('section') as HTMLElement;
}

describe('the weighted pipeline on the reports page', () => {
  it("shows the value weighted by the win model, and when the model was trained", async () => {
    const card = await pipelineCard(pipeline('model', '3712.40'));
    expect(await within(card).findByText(/Weighted: \$3,712/)).toBeTruthy();
    expect(within(card).getByText('by the win model (trained Mar 2, 2026)')).toBeTruthy();
  });

  it('says stage probability when no model is trained', async () => {
    const card = await pipelineCard(pipeline('stage', '2500.00'));
    expect(await within(card).findByText(/Weighted: \$2,500/)).toBeTruthy();
    expect(within(card).getByText('by stage probability')).toBeTruthy();
  });

  it('shows the empty state without deals and no weighted value', async () => {
    const card = await pipelineCard(pipeline('stage', '0.00', []));
    expect(await within(card).findByText('Nothing in this range')).toBeTruthy();
    expect(within(card).queryByText(/Weighted:/)).toBeNull();
  });

  it('shows the error state with a retry when the report fails', async () => {
    const card = await pipelineCard({ status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } });
    const alert = await within(card).findByRole('alert', {}, { timeout: 5000 });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(within(card).queryByText(/Weighted:/)).toBeNull();
  });

  it('shows the loading state while the report is on its way, then the weighted value', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const card = await pipelineCard((async () => {
      await held;
      return pipeline('model', '3712.40');
    }) as never);
    expect(within(card).getByRole('status')).toBeTruthy();
    release();
    expect(await within(card).findByText('by the win model (trained Mar 2, 2026)')).toBeTruthy();
  });
});
