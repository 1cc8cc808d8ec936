import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const settings = { timesheet_period: 'week', invoices_require_approval: false, timezone: 'UTC' };

describe('Settings: time zone', { timeout: 20_000 }, () => {
  it("saves the organization's time zone", async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/organization/settings': { body: settings },
      'PATCH /api/v1/organization/settings': { body: { ...settings, timezone: 'America/New_York' } },
    });
    signIn();
    renderApp('/settings?tab=organization');
    const form = await screen.findByRole('form', { name: 'Organization time zone' });
    const select = within(form).getByLabelText('Time zone') as HTMLSelectElement;
    expect(select.value).toBe('UTC');
    expect(select.querySelector('option[value="America/New_York"]')?.textContent).toBe('America/New York');
    fireEvent.change(select, { target: { value: 'America/New_York' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save time zone' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/organization/settings')[0]?.body).toEqual({ timezone: 'America/New_York' }));
    expect(await screen.findByText('Saved the time zone')).toBeTruthy();
  });

  it('shows the api field error beside the field', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/organization/settings': { body: settings },
      'PATCH /api/v1/organization/settings': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'timezone', errors: ['timezone must be an IANA time zone such as Europe/Berlin'] }] } },
    });
    signIn();
    renderApp('/settings?tab=organization');
    const form = await screen.findByRole('form', { name: 'Organization time zone' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save time zone' }));
    expect(await within(form).findByText('timezone must be an IANA time zone such as Europe/Berlin')).toBeTruthy();
    expect(within(form).getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
  });

  it('says so when the settings cannot be read, and is an admin tab only', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/organization/settings': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn();
    const { unmount } = renderApp('/settings?tab=organization');
    expect(await screen.findAllByRole('alert')).toHaveLength(2); // the time zone and auto-apply panels
    unmount();

    mockApi({ ...shellRoutes(), 'GET /api/v1/users/invitations': { body: { data: [] } }, 'GET /api/v1/time-entries/unlinked-employees': { body: { data: [], next_cursor: null } } });
    signIn(makeUser('manager'));
    renderApp('/settings?tab=organization');
    await screen.findByRole('tablist', { name: 'Settings sections' });
    expect(screen.queryByRole('tab', { name: 'Organization' })).toBeNull();
  });
});
