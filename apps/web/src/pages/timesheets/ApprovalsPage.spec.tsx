import type { TimesheetDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const BY_DEAL = [
  { deal_id: 'd-1', deal_name: 'Website relaunch', seconds: 27000 },
  { deal_id: null, deal_name: null, seconds: 1800 },
];

function timesheet(overrides: Partial<TimesheetDto> = {}): TimesheetDto {
  return {
    id: 'ts-1', user_id: 'u-ann', user_name: 'Ann Sales', period_start: '2026-11-30', period_end: '2026-12-07', status: 'submitted', comment: null,
    submitted_at: '2026-12-06T10:00:00Z', submitted_by: 'u-ann', decided_at: null, decided_by: null,
    total_seconds: BY_DEAL.reduce((s, d) => s + d.seconds, 0), by_deal: BY_DEAL, version: 1, created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z',
    ...overrides,
  } as TimesheetDto;
}

describe('Approvals', () => {
  it('lists submitted timesheets with hours per person and deal, and approves one', async () => {
    let approved = false;
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/timesheets': () => page(approved ? [] : [timesheet()]),
      'POST /api/v1/timesheets/:id/approve': () => {
        approved = true;
        return { body: timesheet({ status: 'approved' }) };
      },
    });
    signIn(makeUser('manager'));
    renderApp('/approvals');

    const item = await screen.findByRole('article', { name: 'Ann Sales, Nov 30, 2026 – Dec 6, 2026' });
    expect(within(item).getByText(`${(28800 / 3600).toFixed(2)} h`)).toBeTruthy();
    const deals = within(item).getByRole('table', { name: 'Hours per deal of Ann Sales' });
    expect(within(deals).getByRole('row', { name: /Website relaunch/ }).textContent).toContain((27000 / 3600).toFixed(2));
    expect(within(deals).getByRole('row', { name: /Not mapped to a deal/ }).textContent).toContain((1800 / 3600).toFixed(2));
    expect(api.callsTo('GET', '/api/v1/timesheets')[0].query).toMatchObject({ status: 'submitted' });
    // Managers do not reopen.
    expect(within(item).queryByRole('button', { name: 'Reopen' })).toBeNull();

    fireEvent.click(within(item).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/timesheets/ts-1/approve')[0]?.body).toEqual({}));
    expect(await screen.findByText('Nothing waiting for approval')).toBeTruthy();
  });

  it('rejects with a required comment in a dialog, and returns focus to the Reject button', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/timesheets': page([timesheet()]),
      'POST /api/v1/timesheets/:id/reject': { body: timesheet({ status: 'rejected', comment: 'Friday is missing' }) },
    });
    signIn(makeUser('manager'));
    renderApp('/approvals');
    const reject = await screen.findByRole('button', { name: 'Reject' });
    reject.focus();
    fireEvent.click(reject);
    const dialog = await screen.findByRole('dialog', { name: 'Reject the timesheet of Ann Sales' });
    const submit = within(dialog).getByRole('button', { name: 'Reject' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'Friday is missing' } });
    fireEvent.click(submit);
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/timesheets/ts-1/reject')[0]?.body).toEqual({ comment: 'Friday is missing' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(reject);
  });

  it('lets admins reopen an approved timesheet, after confirming', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/timesheets': page([timesheet({ status: 'approved', comment: 'Fine' })]),
      'POST /api/v1/timesheets/:id/reopen': { body: timesheet({ status: 'open' }) },
    });
    signIn(makeUser('admin'));
    renderApp('/approvals?status=approved');
    const item = await screen.findByRole('article');
    expect(within(item).getByText('Comment: Fine')).toBeTruthy();
    expect(within(item).queryByRole('button', { name: 'Approve' })).toBeNull();
    const reopen = within(item).getByRole('button', { name: 'Reopen' });
    // Cancel asks nothing of the api and gives the focus back.
    reopen.focus();
    fireEvent.click(reopen);
    let dialog = await screen.findByRole('dialog', { name: 'Reopen the timesheet of Ann Sales?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(reopen);
    expect(api.callsTo('POST', '/api/v1/timesheets/ts-1/reopen')).toHaveLength(0);
    fireEvent.click(reopen);
    dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/timesheets/ts-1/reopen')).toHaveLength(1));
    expect(api.callsTo('GET', '/api/v1/timesheets')[0].query).toMatchObject({ status: 'approved' });
  });

  it('is not in the navigation of sales', async () => {
    mockApi({ ...shellRoutes() });
    signIn(makeUser('sales'));
    renderApp('/approvals');
    expect(await screen.findByRole('link', { name: 'My timesheet' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Approvals' })).toBeNull();
  });
});
