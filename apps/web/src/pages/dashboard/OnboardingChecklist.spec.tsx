import type { OnboardingStepDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardRoutes, makeUser, mockApi, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const step = (id: OnboardingStepDto['id'], done: boolean, link: string): OnboardingStepDto => ({ id, done, link });
const STEPS = [
  step('connect_platform', true, '/integrations'),
  step('first_time_entries', false, '/integrations'),
  step('link_employees', false, '/settings'),
  step('first_mapping_rule', true, '/time-entries?view=rules'),
  step('invite_team', false, '/settings'),
  step('set_rates', false, '/settings?tab=rates'),
];

describe('OnboardingChecklist', { timeout: 30_000 }, () => {
  it("shows the admin each step with its page, ticked as the api computed it", async () => {
    mockApi({ ...dashboardRoutes(), 'GET /api/v1/onboarding': { body: { complete: false, dismissed: false, steps: STEPS } } });
    signIn();
    renderApp('/');
    const card = (await screen.findByRole('heading', { name: 'Get set up' })).closest('section') as HTMLElement;
    const doneCount = STEPS.filter((s) => s.done).length;
    expect(await within(card).findByText(`${doneCount} of ${STEPS.length} done`)).toBeTruthy();
    const items = within(within(card).getByRole('list', { name: 'Setup steps' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.includes(', done'))).toEqual(STEPS.map((s) => s.done));
    const rules = within(card).getByRole('link', { name: 'Add a mapping rule' });
    expect(rules.getAttribute('href')).toBe('/time-entries?view=rules');
    expect(within(card).getByRole('link', { name: 'Connect the productivity platform' }).getAttribute('href')).toBe('/integrations');
    expect(within(card).getByRole('link', { name: 'Set hourly rates' }).getAttribute('href')).toBe('/settings?tab=rates');
  });

  it('is dismissed for the organization through the api, and stays hidden', async () => {
    let dismissed = false;
    const api = mockApi({
      ...dashboardRoutes(),
      'GET /api/v1/onboarding': () => ({ body: { complete: false, dismissed, steps: STEPS } }),
      'POST /api/v1/onboarding/dismiss': () => ((dismissed = true), { body: { complete: false, dismissed, steps: STEPS } }),
    });
    signIn();
    const first = renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Dismiss checklist' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Get set up' })).toBeNull());
    expect(api.callsTo('POST', '/api/v1/onboarding/dismiss')).toHaveLength(1);
    first.unmount();
    renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/onboarding').length).toBeGreaterThan(1));
    expect(screen.queryByRole('heading', { name: 'Get set up' })).toBeNull();
  });

  it('is hidden when every step is done, and for managers', async () => {
    const api = mockApi(dashboardRoutes());
    signIn();
    const admin = renderApp('/');
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/onboarding')).toHaveLength(1));
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(screen.queryByRole('heading', { name: 'Get set up' })).toBeNull();
    admin.unmount();

    const managerApi = mockApi(dashboardRoutes());
    signIn(makeUser('manager'));
    renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(screen.queryByRole('heading', { name: 'Get set up' })).toBeNull();
    expect(managerApi.callsTo('GET', '/api/v1/onboarding')).toHaveLength(0);
  });

  it('says when the checklist cannot be loaded, and retries', async () => {
    let fail = true;
    mockApi({
      ...dashboardRoutes(),
      'GET /api/v1/onboarding': () => (fail ? { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' } } : { body: { complete: false, dismissed: false, steps: STEPS } }),
    });
    signIn();
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the checklist');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('2 of 6 done')).toBeTruthy();
  });
});

describe('SampleDataOffer', { timeout: 30_000 }, () => {
  it('loads the sample data into an empty organization and then goes away', async () => {
    let status = 'available';
    const api = mockApi({
      ...dashboardRoutes(),
      'GET /api/v1/demo-data': () => ({ body: { status } }),
      'POST /api/v1/demo-data': () => {
        status = 'already_loaded';
        return { body: { status: 'loaded', created: { accounts: 5, contacts: 8, deals: 8, tasks: 8, mapping_rules: 3, rates: 2, time_entries: 72, unmapped_time_entries: 8, invoices: 1 } } };
      },
    });
    signIn();
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Load sample data' }));
    expect(await screen.findByText('Sample data loaded: 5 accounts, 8 deals, 72 time entries and an issued invoice.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/demo-data')[0].body).toEqual({});
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull());
  });

  it('is not offered where the server has no sample data (404), nor to managers', async () => {
    const api = mockApi({ ...dashboardRoutes(), 'GET /api/v1/demo-data': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Sample data is not available on this server' } } });
    signIn();
    const admin = renderApp('/');
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/demo-data')).toHaveLength(1));
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(screen.queryByRole('button', { name: 'Load sample data' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    admin.unmount();
    const managerApi = mockApi(dashboardRoutes());
    signIn(makeUser('manager'));
    renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(managerApi.callsTo('GET', '/api/v1/demo-data')).toHaveLength(0);
  });
});
