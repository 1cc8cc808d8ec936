import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeDeal, mockApi, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { DealBillingModelCard } from './DealBillingModelCard';

const hourly = makeDeal({ id: 'd1', name: 'Care plan' });
const terms = { hours_per_month: '10', price_cents: 100000, overage_rate_cents: 15000, rollover_months: 1, starts_on: '2026-03-21' };
const retainer = makeDeal({ id: 'd1', name: 'Care plan', billing_model: 'retainer', retainer: terms, version: 2 });
const render = (deal = hourly) =>
  renderWithProviders(
    <AppProviders>
      <DealBillingModelCard deal={deal} />
    </AppProviders>,
  );

describe('Deal billing model on the deal page', () => {
  it('turns an hourly deal into a retainer through PATCH, prices typed in units sent as cents', async () => {
    const api = mockApi({ 'PATCH /api/v1/deals/d1': { body: retainer } });
    signIn();
    render();
    const form = screen.getByRole('form', { name: 'Billing model' });
    expect((within(form).getByLabelText('Billing model') as HTMLSelectElement).value).toBe('hourly');
    fireEvent.change(within(form).getByLabelText('Billing model'), { target: { value: 'retainer' } });
    fireEvent.change(within(form).getByLabelText('Hours per month'), { target: { value: '10' } });
    fireEvent.change(within(form).getByLabelText('Monthly price'), { target: { value: '1000' } });
    fireEvent.change(within(form).getByLabelText('Overage rate per hour'), { target: { value: '150.00' } });
    fireEvent.change(within(form).getByLabelText('Rollover (months)'), { target: { value: '1' } });
    fireEvent.change(within(form).getByLabelText('Retainer starts on'), { target: { value: '2026-03-21' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save billing model' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/deals/d1')).toHaveLength(1));
    // cents computed here from what was typed
    expect(api.callsTo('PATCH', '/api/v1/deals/d1')[0].body).toEqual({ billing_model: 'retainer', retainer: { hours_per_month: '10', price_cents: 1000 * 100, overage_rate_cents: 150 * 100, rollover_months: 1, starts_on: '2026-03-21' } });
    expect(await screen.findByText('Billing model saved')).toBeTruthy();
  });

  it("shows a retainer's terms and moves it back to hourly (the api clears the terms)", async () => {
    const api = mockApi({ 'PATCH /api/v1/deals/d1': { body: { ...hourly, version: 3 } } });
    signIn();
    render(retainer);
    const form = screen.getByRole('form', { name: 'Billing model' });
    expect((within(form).getByLabelText('Monthly price') as HTMLInputElement).value).toBe((terms.price_cents / 100).toFixed(2));
    expect((within(form).getByLabelText('Overage rate per hour') as HTMLInputElement).value).toBe((terms.overage_rate_cents / 100).toFixed(2));
    expect((within(form).getByLabelText('Retainer starts on') as HTMLInputElement).value).toBe(terms.starts_on);
    fireEvent.change(within(form).getByLabelText('Billing model'), { target: { value: 'hourly' } });
    expect(within(form).queryByLabelText('Hours per month')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Save billing model' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/deals/d1')[0]?.body).toEqual({ billing_model: 'hourly' }));
  });

  it('shows the api field error of a retainer term beside its field', async () => {
    mockApi({
      'PATCH /api/v1/deals/d1': {
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'retainer.hours_per_month', errors: ['hours_per_month must be a positive number of hours with at most 2 decimals, e.g. "40"'] }] },
      },
    });
    signIn();
    render(retainer);
    const form = screen.getByRole('form', { name: 'Billing model' });
    fireEvent.change(within(form).getByLabelText('Hours per month'), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save billing model' }));
    expect(await within(form).findByText(/hours_per_month must be a positive number/)).toBeTruthy();
    expect(within(form).getByLabelText('Hours per month').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toContain('Please correct the highlighted fields.');
  });
});
