import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

describe('Settings: timesheets', () => {
  it('saves the period and whether invoices take approved time only', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/organization/settings': { body: { timesheet_period: 'week', invoices_require_approval: false } },
      'PATCH /api/v1/organization/settings': { body: { timesheet_period: 'month', invoices_require_approval: true } },
    });
    signIn();
    renderApp('/settings?tab=timesheets');
    const form = await screen.findByRole('form', { name: 'Timesheet settings' });
    expect((within(form).getByLabelText('Timesheet period') as HTMLSelectElement).value).toBe('week');
    fireEvent.change(within(form).getByLabelText('Timesheet period'), { target: { value: 'month' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Invoices take approved time only/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/organization/settings')[0]?.body).toEqual({ timesheet_period: 'month', invoices_require_approval: true }));
    expect(await screen.findByText('Saved the timesheet settings')).toBeTruthy();
  });

  it('shows the API field error beside the field', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/organization/settings': { body: { timesheet_period: 'week', invoices_require_approval: false } },
      'PATCH /api/v1/organization/settings': {
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'timesheet_period', errors: ['timesheet_period must be one of week, month'] }] },
      },
    });
    signIn();
    renderApp('/settings?tab=timesheets');
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('timesheet_period must be one of week, month')).toBeTruthy();
  });

  it('is an admin tab only', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/users': { body: { data: [], next_cursor: null } }, 'GET /api/v1/users/invitations': { body: { data: [] } }, 'GET /api/v1/time-entries/unlinked-employees': { body: { data: [], next_cursor: null } } });
    signIn(makeUser('manager'));
    renderApp('/settings?tab=timesheets');
    await screen.findByRole('tablist', { name: 'Settings sections' });
    expect(screen.queryByRole('tab', { name: 'Timesheets' })).toBeNull();
  });
});
