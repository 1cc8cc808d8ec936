import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { DEFAULT_PIPELINE, makeDeal, mockApi, page, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { DealForm } from './DealForm';
import { DealRetainerCard } from './DealRetainerCard';

const created = makeDeal({ id: 'd9', name: 'Care plan', billing_model: 'retainer' });

describe('Deal billing model', () => {
  it('sends the retainer terms of the deal form, prices as cents, and names a refused field', async () => {
    const api = mockApi({
      'GET /api/v1/accounts': { body: { data: [], next_cursor: null } },
      'GET /api/v1/custom-fields': { body: { data: [] } },
      'GET /api/v1/users': page([]),
      'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE] } },
      'POST /api/v1/deals': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'retainer.starts_on', errors: ['starts_on must be a date (YYYY-MM-DD)'] }] } },
    });
    signIn();
    renderWithProviders(
      <AppProviders>
        <DealForm onDone={() => undefined} />
      </AppProviders>,
    );
    fireEvent.change(screen.getByLabelText('Deal name'), { target: { value: 'Care plan' } });
    expect(screen.queryByLabelText('Hours per month')).toBeNull();
    fireEvent.change(screen.getByLabelText('Billing model'), { target: { value: 'retainer' } });
    fireEvent.change(screen.getByLabelText('Hours per month'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Monthly price'), { target: { value: '1000.50' } });
    fireEvent.change(screen.getByLabelText('Overage rate per hour'), { target: { value: '150' } });
    fireEvent.change(screen.getByLabelText('Rollover (months)'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create deal' }));
    expect(await screen.findByText('starts_on must be a date (YYYY-MM-DD)')).toBeTruthy();
    const body = api.callsTo('POST', '/api/v1/deals')[0].body as Record<string, unknown>;
    // 1000.50 and 150 in cents, computed here from what was typed
    expect(body).toMatchObject({ name: 'Care plan', billing_model: 'retainer', retainer: { hours_per_month: '10', price_cents: 1000.5 * 100, overage_rate_cents: 150 * 100, rollover_months: 2, starts_on: '' } });
  }, 20_000);

  it("shows a retainer's hours left this month, with loading and error states", async () => {
    const balance = { deal_id: 'd9', month: '2026-04', timezone: 'UTC', active: true, included_hours: 10, rolled_over_hours: 0.55, used_hours: 11, left_hours: 0, overage_hours: 0.45, price_cents: 100000, overage_cents: 6750, currency: 'USD' };
    mockApi({ 'GET /api/v1/deals/d9/retainer-balance': { body: balance } });
    signIn();
    renderWithProviders(
      <AppProviders>
        <DealRetainerCard deal={created} />
      </AppProviders>,
    );
    const left = Math.max(0, balance.included_hours + balance.rolled_over_hours - balance.used_hours);
    expect(await screen.findByText(`${left.toFixed(2)} h left`)).toBeTruthy();
    const card = screen.getByText('Rolled over').closest('dl') as HTMLElement;
    expect(within(card).getByText('0.55 h')).toBeTruthy();
    expect(within(card).getByText(`0.45 h (${(6750 / 100).toFixed(2)} USD)`)).toBeTruthy();
  });

  it('says so when the balance cannot be read', async () => {
    mockApi({ 'GET /api/v1/deals/d9/retainer-balance': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn();
    renderWithProviders(
      <AppProviders>
        <DealRetainerCard deal={created} />
      </AppProviders>,
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
