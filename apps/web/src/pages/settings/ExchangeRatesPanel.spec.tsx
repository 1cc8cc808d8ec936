import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, ratesTabRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const rate = { id: 'x1', base_currency: 'EUR', quote_currency: 'USD', rate: '1.0850000000', rate_date: '2026-03-31', created_at: '', updated_at: '' };
const routes = (list: unknown[]) => ({ ...shellRoutes(), ...ratesTabRoutes({ exchangeRates: list }) });

describe('Settings: exchange rates beside the hourly rates', () => {
  it('lists the stored rates and adds one, upper-casing the currencies', async () => {
    const api = mockApi({ ...routes([rate]), 'POST /api/v1/exchange-rates': { status: 201, body: { ...rate, id: 'x2', base_currency: 'GBP', rate: '1.2700000000', rate_date: '2026-04-01' } } });
    signIn();
    renderApp('/settings?tab=rates');
    const table = await screen.findByRole('table', { name: 'Exchange rates' });
    expect(within(table).getAllByRole('row')[1].textContent).toBe('1 EUR = 1.085 USDMar 31, 2026');
    expect(api.callsTo('GET', '/api/v1/exchange-rates')[0].query.sort).toBe('rate_date:desc');

    const form = screen.getByRole('form', { name: 'New exchange rate' });
    fireEvent.change(within(form).getByLabelText('Base currency'), { target: { value: 'gbp' } });
    fireEvent.change(within(form).getByLabelText('Quote currency'), { target: { value: 'usd' } });
    fireEvent.change(within(form).getByLabelText('Rate'), { target: { value: '1.27' } });
    fireEvent.change(within(form).getByLabelText('Day'), { target: { value: '2026-04-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add exchange rate' }));
    expect(await screen.findByText('Exchange rate GBP→USD of 2026-04-01 added')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/exchange-rates')[0].body).toEqual({ base_currency: 'GBP', quote_currency: 'USD', rate: '1.27', rate_date: '2026-04-01' });
  });

  it('shows the field named by a 400 beside its input', async () => {
    mockApi({
      ...routes([]),
      'POST /api/v1/exchange-rates': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'rate', errors: ['rate must be a positive decimal'] }] } },
    });
    signIn();
    renderApp('/settings?tab=rates');
    expect(await screen.findByText('No exchange rates yet')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'New exchange rate' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add exchange rate' }));
    expect(await within(form).findByText('rate must be a positive decimal')).toBeTruthy();
    expect(within(form).getByLabelText('Rate').getAttribute('aria-invalid')).toBe('true');
  });

  it('deletes a rate after the confirmation', async () => {
    const api = mockApi({ ...routes([rate]), 'DELETE /api/v1/exchange-rates/:id': { status: 204 } });
    signIn();
    renderApp('/settings?tab=rates');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete the rate 1 EUR = 1.085 USD of Mar 31, 2026' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this exchange rate?' });
    expect(api.callsTo('DELETE', '/api/v1/exchange-rates/x1')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/v1/exchange-rates/x1')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('lets managers read the rates but not add or delete them (admins only)', async () => {
    mockApi(routes([rate]));
    signIn(makeUser('manager'));
    renderApp('/settings?tab=rates');
    expect(await screen.findByRole('table', { name: 'Exchange rates' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New exchange rate' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete the rate/ })).toBeNull();
    expect(screen.getByText(/Only admins add or delete exchange rates/)).toBeTruthy();
  });
});
