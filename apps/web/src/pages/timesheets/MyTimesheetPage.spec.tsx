import type { TimesheetDto, TimesheetPeriodDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const USER = makeUser('sales');
const DAYS = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
/** Seconds per day of two rows; every total below is computed from these. */
const WEBSITE = [3600, 5400, 0, 0, 1800, 0, 0];
const UNMAPPED = [0, 0, 2700, 0, 0, 0, 0];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function timesheet(overrides: Partial<TimesheetDto> = {}): TimesheetDto {
  return {
    id: 'ts-1', user_id: USER.id, user_name: USER.name, period_start: DAYS[0], period_end: '2026-12-07', status: 'submitted', comment: null,
    submitted_at: '2026-12-06T10:00:00Z', submitted_by: USER.id, decided_at: null, decided_by: null, total_seconds: 0, by_deal: [], version: 1,
    created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', ...overrides,
  } as TimesheetDto;
}

function period(overrides: Partial<TimesheetPeriodDto> = {}): TimesheetPeriodDto {
  return {
    user_id: USER.id, period: 'week', period_start: DAYS[0], period_end: '2026-12-07', status: 'open', timesheet_id: null, comment: null, days: DAYS,
    rows: [
      { deal_id: 'd-1', deal_name: 'Website relaunch', task_id: null, task_title: null, seconds_by_day: WEBSITE, total_seconds: sum(WEBSITE) },
      { deal_id: null, deal_name: null, task_id: null, task_title: null, seconds_by_day: UNMAPPED, total_seconds: sum(UNMAPPED) },
    ],
    day_totals: DAYS.map((_, i) => WEBSITE[i] + UNMAPPED[i]),
    total_seconds: sum(WEBSITE) + sum(UNMAPPED),
    ...overrides,
  } as TimesheetPeriodDto;
}

describe('My timesheet', () => {
  it('shows the week as a grid of hours by deal and day with totals, and submits it', async () => {
    let submitted = false;
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/timesheets/period': () => ({ body: submitted ? period({ status: 'submitted', timesheet_id: 'ts-1' }) : period() }),
      'POST /api/v1/timesheets/submit': () => {
        submitted = true;
        return { body: timesheet() };
      },
    });
    signIn(USER);
    renderApp('/timesheet?date=2026-12-02');

    const grid = await screen.findByRole('table', { name: 'Hours from Nov 30, 2026 – Dec 6, 2026' });
    const website = within(grid).getByRole('row', { name: /Website relaunch/ });
    expect(within(website).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.00', '1.50', '', '', '0.50', '', '', (sum(WEBSITE) / 3600).toFixed(2)]);
    expect(within(grid).getByRole('row', { name: /Not mapped to a deal/ })).toBeTruthy();
    const total = within(grid).getByRole('row', { name: /^Total/ });
    expect(within(total).getAllByRole('cell').at(-1)?.textContent).toBe(((sum(WEBSITE) + sum(UNMAPPED)) / 3600).toFixed(2));
    expect(within(total).getAllByRole('cell')[2].textContent).toBe((2700 / 3600).toFixed(2));
    expect(screen.getByText('Open')).toBeTruthy();
    expect(api.callsTo('GET', '/api/v1/timesheets/period')[0].query).toEqual({ date: '2026-12-02' });

    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/timesheets/submit')[0]?.body).toEqual({ date: DAYS[0] }));
    expect(await screen.findByText('Submitted')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Submit' }) as HTMLButtonElement).disabled).toBe(true));
  });

  it('moves between periods through the URL', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/timesheets/period': () => ({ body: period() }) });
    signIn(USER);
    renderApp('/timesheet?date=2026-12-02');
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Previous period' }));
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/timesheets/period').map((c) => c.query.date)).toContain('2026-11-29'));
    fireEvent.click(screen.getByRole('button', { name: 'Next period' }));
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/timesheets/period').map((c) => c.query.date)).toContain('2026-12-07'));
  });

  it('shows a rejection with its comment and offers to submit again', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/timesheets/period': { body: period({ status: 'rejected', timesheet_id: 'ts-1', comment: 'Friday is missing' }) } });
    signIn(USER);
    renderApp('/timesheet?date=2026-12-02');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Friday is missing')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Submit again' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says so when the period has no time', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/timesheets/period': { body: period({ rows: [], day_totals: DAYS.map(() => 0), total_seconds: 0 }) } });
    signIn(USER);
    renderApp('/timesheet?date=2026-12-02');
    expect(await screen.findByText('No time in this period')).toBeTruthy();
  });

  it('shows the error when the period cannot be loaded', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/timesheets/period': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' } } });
    signIn(USER);
    renderApp('/timesheet?date=2026-12-02');
    expect(await screen.findByText('Could not load this')).toBeTruthy();
  });
});
