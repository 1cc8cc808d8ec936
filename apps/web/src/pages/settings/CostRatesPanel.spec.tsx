import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, ratesTabRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const cost = { id: 'c1', level: 'role', user_id: null, role: 'sales', hourly_cost: '40.00', currency: 'USD', valid_from: '2026-01-01', valid_to: null, version: 1, created_at: '', updated_at: '' };
const people = [makeUser('sales', { id: 'u-sam', name: 'Sam Sales' })];
const routes = (list: unknown[]) => ({ ...shellRoutes({ users: people }), ...ratesTabRoutes({ costRates: list }) });

describe('Settings: cost rates beside the hourly rates', () => {
  it('lists cost rates and adds one for a person, sending only the person', async () => {
    const api = mockApi({ ...routes([cost]), 'POST /api/v1/cost-rates': { status: 201, body: { ...cost, id: 'c2', level: 'user', role: null, user_id: 'u-sam', hourly_cost: '55.25' } } });
    signIn();
    renderApp('/settings?tab=rates');
    const table = await screen.findByRole('table', { name: 'Cost rates' });
    expect(within(table).getAllByRole('row')[1].textContent).toContain('Role Every sales$40/h');

    const form = screen.getByRole('form', { name: 'New cost rate' });
    fireEvent.change(within(form).getByLabelText('Hourly cost'), { target: { value: '55.25' } });
    fireEvent.change(within(form).getByLabelText('Cost valid from'), { target: { value: '2026-02-01' } });
    await within(within(form).getByLabelText('Person')).findByRole('option', { name: 'Sam Sales' });
    fireEvent.change(within(form).getByLabelText('Person'), { target: { value: 'u-sam' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add cost rate' }));
    expect(await screen.findByText('Cost rate added')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/cost-rates')[0].body).toEqual({ hourly_cost: '55.25', currency: 'USD', valid_from: '2026-02-01', user_id: 'u-sam' });
  });

  it('asks in a labelled dialog before deleting a cost rate, and deletes only on confirmation', async () => {
    const api = mockApi({ ...routes([cost]), 'DELETE /api/v1/cost-rates/c1': { status: 204 } });
    signIn();
    renderApp('/settings?tab=rates');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete the cost rate for Every sales' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete this cost rate?' });
    expect(dialog.textContent).toContain('Delete the cost rate for Every sales ($40/h)?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsTo('DELETE', '/api/v1/cost-rates/c1')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete the cost rate for Every sales' }));
    dialog = screen.getByRole('dialog', { name: 'Delete this cost rate?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete cost rate' }));
    expect(await screen.findByText('Cost rate deleted')).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/v1/cost-rates/c1')).toHaveLength(1);
  });

  it('shows an empty state, and the field a 400 names beside its input', async () => {
    mockApi({
      ...routes([]),
      'POST /api/v1/cost-rates': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'user_id', errors: ['give exactly one of user_id and role'] }] } },
    });
    signIn();
    renderApp('/settings?tab=rates');
    expect(await screen.findByText('No cost rates yet')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'New cost rate' });
    fireEvent.change(within(form).getByLabelText('Hourly cost'), { target: { value: '10' } });
    fireEvent.change(within(form).getByLabelText('Cost valid from'), { target: { value: '2026-02-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add cost rate' }));
    expect(await within(form).findByText('give exactly one of user_id and role')).toBeTruthy();
    expect(within(form).getByLabelText('Person').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows an error state when the cost rates cannot be read', async () => {
    mockApi({ ...routes([]), 'GET /api/v1/cost-rates': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn();
    renderApp('/settings?tab=rates');
    const section = await screen.findByRole('region', { name: 'Cost rates' });
    expect(await within(section).findByRole('alert')).toBeTruthy();
  });
});
