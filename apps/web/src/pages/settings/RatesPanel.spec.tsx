import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, page, ratesTabRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const rate = { id: 'r1', level: 'organization', account_id: null, deal_id: null, user_id: null, hourly_rate: '120.00', currency: 'USD', valid_from: '2026-01-01', valid_to: null, version: 1, created_at: '', updated_at: '' };

describe('Settings: hourly rates', () => {
  it('lists rates and adds one for an account, sending only the chosen scope', async () => {
    const api = mockApi({
      ...shellRoutes(),
      ...ratesTabRoutes({ rates: [rate] }),
      'GET /api/v1/accounts': page([{ id: 'a1', name: 'Globex' }]),
      'POST /api/v1/rates': { status: 201, body: { ...rate, id: 'r2', level: 'account', account_id: 'a1', hourly_rate: '150.00' } },
    });
    signIn();
    renderApp('/settings?tab=rates');
    const table = await screen.findByRole('table', { name: 'Hourly rates' });
    expect(within(table).getAllByRole('row')[1].textContent).toContain('Everyone, everywhere$120/h');

    const form = screen.getByRole('form', { name: 'New rate' });
    fireEvent.change(within(form).getByLabelText('Hourly rate'), { target: { value: '150.00' } });
    fireEvent.change(within(form).getByLabelText('Valid from'), { target: { value: '2026-02-01' } });
    await within(within(form).getByLabelText('Account')).findByRole('option', { name: 'Globex' });
    fireEvent.change(within(form).getByLabelText('Account'), { target: { value: 'a1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rate' }));
    expect(await screen.findByText('Rate added')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/rates')[0].body).toEqual({ hourly_rate: '150.00', currency: 'USD', valid_from: '2026-02-01', account_id: 'a1' });
  });
});
