import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, ratesTabRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';
import { parseThresholds } from './BudgetThresholdsPanel';

const routes = { ...shellRoutes(), ...ratesTabRoutes() };

describe('Settings: budget alert thresholds', () => {
  it('reads "50, 80 %,100" as whole percentages and keeps anything else for the api to refuse', () => {
    expect(parseThresholds('50, 80 %,100')).toEqual([50, 80, 100]);
    expect(parseThresholds('75, 9.5')).toEqual([75, Number.NaN]);
  });

  it('lets an admin change them, and shows the field a 400 names', async () => {
    const api = mockApi({
      ...routes,
      'PUT /api/v1/budget-thresholds': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'thresholds', errors: ['thresholds must be ascending without repeats'] }] } },
    });
    signIn();
    renderApp('/settings?tab=rates');
    const form = await screen.findByRole('form', { name: 'Budget alert thresholds' });
    const input = await within(form).findByDisplayValue('50, 80, 100');
    fireEvent.change(input, { target: { value: '90, 60' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save thresholds' }));
    expect(await within(form).findByText('thresholds must be ascending without repeats')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/v1/budget-thresholds')[0].body).toEqual({ thresholds: [90, 60] });
  });

  it('shows managers the thresholds without a form', async () => {
    mockApi(routes);
    signIn(makeUser('manager'));
    renderApp('/settings?tab=rates');
    expect(await screen.findByText('Alerts at 50%, 80%, 100%')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Budget alert thresholds' })).toBeNull();
  });
});
