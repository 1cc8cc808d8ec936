import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, reportsPageRoutes, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';
import { describeCadence } from './SchedulesPanel';

const admin = makeUser('admin');
const schedule = (over: Record<string, unknown>) => ({
  id: 's1',
  user_id: admin.id,
  report: 'time-per-deal',
  params: { range: 'last_7_days' },
  frequency: 'weekly',
  weekday: 1,
  day_of_month: null,
  hour: 8,
  timezone: 'Europe/Berlin',
  recipients: ['finance@acme.test'],
  format: 'csv',
  next_run_at: '2026-06-01T06:00:00.000Z',
  last_run_at: null,
  last_status: null,
  last_error: null,
  paused: false,
  paused_reason: null as string | null,
  paused_at: null,
  created_at: '2026-05-01T00:00:00.000Z',
  updated_at: '2026-05-01T00:00:00.000Z',
  ...over,
});

describe('Reports: scheduled reports', () => {
  it('describes a cadence in words', () => {
    expect(describeCadence({ frequency: 'weekly', weekday: 5, day_of_month: null, hour: 7, timezone: 'UTC' })).toBe('Weekly on Fridays at 07:00 (UTC)');
    expect(describeCadence({ frequency: 'monthly', weekday: null, day_of_month: 31, hour: 18, timezone: 'Europe/Berlin' })).toBe('Monthly on day 31 at 18:00 (Europe/Berlin)');
  });

  it('says so when there are none, and schedules a report with the filters of the page', async () => {
    let stored: unknown[] = [];
    const api = mockApi({
      ...shellRoutes({ users: [admin] }),
      ...reportsPageRoutes(),
      'GET /api/v1/report-schedules': () => ({ body: { data: stored } }),
      'POST /api/v1/report-schedules': (call) => {
        stored = [schedule({ ...(call.body as object), id: 's9' })];
        return { status: 201, body: stored[0] };
      },
    });
    signIn(admin);
    renderApp('/reports?date_from=2026-01-01&date_to=2026-01-31&group_by=week&owner_id=u-7');
    expect(await screen.findByText('No scheduled reports')).toBeTruthy();

    const open = screen.getByRole('button', { name: 'Schedule this report: Time per deal' });
    open.focus();
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Schedule Time per deal' });
    expect((within(dialog).getByLabelText('Period') as HTMLSelectElement).value).toBe('');
    fireEvent.change(within(dialog).getByLabelText('Frequency'), { target: { value: 'monthly' } });
    fireEvent.change(within(dialog).getByLabelText('Day of the month'), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByLabelText('Hour'), { target: { value: '9' } });
    fireEvent.change(within(dialog).getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    fireEvent.change(within(dialog).getByLabelText('Recipients'), { target: { value: 'a@acme.test, b@acme.test' } });
    fireEvent.change(within(dialog).getByLabelText('Attachment'), { target: { value: 'pdf' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    expect(await screen.findByText('Report scheduled')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/report-schedules')[0].body).toEqual({
      report: 'time-per-deal',
      // The page's inclusive "to" day is the API's exclusive date_to.
      params: { date_from: '2026-01-01', date_to: '2026-02-01', group_by: 'week', owner_id: 'u-7' },
      frequency: 'monthly',
      day_of_month: 3,
      hour: 9,
      timezone: 'Europe/Berlin',
      recipients: ['a@acme.test', 'b@acme.test'],
      format: 'pdf',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(open);
    const table = await screen.findByRole('table', { name: 'Scheduled reports' });
    expect(within(table).getByText('Monthly on day 3 at 09:00 (Europe/Berlin)')).toBeTruthy();
  });

  it('schedules the pipeline with a moving period and without group_by, and shows field errors', async () => {
    let attempt = 0;
    const api = mockApi({
      ...shellRoutes({ users: [admin] }),
      ...reportsPageRoutes(),
      'GET /api/v1/report-schedules': { body: { data: [] } },
      'POST /api/v1/report-schedules': () =>
        attempt++ === 0
          ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'recipients', errors: ['recipients must contain only email addresses'] }] } }
          : { status: 201, body: schedule({ report: 'pipeline' }) },
    });
    signIn(admin);
    renderApp('/reports?group_by=day');
    fireEvent.click(await screen.findByRole('button', { name: 'Schedule this report: Pipeline by stage' }));
    const dialog = await screen.findByRole('dialog', { name: 'Schedule Pipeline by stage' });
    expect((within(dialog).getByLabelText('Period') as HTMLSelectElement).value).toBe('last_7_days');
    fireEvent.change(within(dialog).getByLabelText('Period'), { target: { value: 'last_month' } });
    fireEvent.change(within(dialog).getByLabelText('Recipients'), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));
    expect(await within(dialog).findByText('recipients must contain only email addresses')).toBeTruthy();
    expect(within(dialog).getByLabelText('Recipients').getAttribute('aria-invalid')).toBe('true');
    const body = api.callsTo('POST', '/api/v1/report-schedules')[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ report: 'pipeline', params: { range: 'last_month' }, frequency: 'weekly', weekday: 1, hour: 8, recipients: ['nope'], format: 'csv' });
  });

  it('pauses and resumes, shows why the system paused one, and deletes after confirming', async () => {
    let rows = [schedule({}), schedule({ id: 's2', report: 'time-per-user', recipients: ['ops@acme.test'], paused: true, paused_reason: 'owner_role_lost' })];
    const api = mockApi({
      ...shellRoutes({ users: [admin] }),
      ...reportsPageRoutes(),
      'GET /api/v1/report-schedules': () => ({ body: { data: rows } }),
      'PATCH /api/v1/report-schedules/:id': (call) => {
        rows = rows.map((r) => (r.id === call.path.split('/').pop() ? { ...r, ...(call.body as object), paused_reason: (call.body as { paused: boolean }).paused ? 'paused_by_user' : null } : r));
        return { body: rows.find((r) => r.id === call.path.split('/').pop()) };
      },
      'DELETE /api/v1/report-schedules/:id': (call) => {
        rows = rows.filter((r) => r.id !== call.path.split('/').pop());
        return { status: 204 };
      },
    });
    signIn(admin);
    renderApp('/reports');
    const table = await screen.findByRole('table', { name: 'Scheduled reports' });
    expect(within(table).getByText('Paused by the system: its owner may no longer run this report')).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: 'Pause Time per deal to finance@acme.test' }));
    expect(await screen.findByText('Schedule paused')).toBeTruthy();
    expect(api.callsTo('PATCH', '/api/v1/report-schedules/s1')[0].body).toEqual({ paused: true });
    expect(await within(table).findByText('Paused by hand')).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: 'Resume Time per person to ops@acme.test' }));
    expect(await screen.findByText('Schedule resumed')).toBeTruthy();
    expect(api.callsTo('PATCH', '/api/v1/report-schedules/s2')[0].body).toEqual({ paused: false });

    fireEvent.click(within(table).getByRole('button', { name: 'Delete Time per deal to finance@acme.test' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete this schedule?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete schedule' }));
    expect(await screen.findByText('Schedule deleted')).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/v1/report-schedules/s1')).toHaveLength(1);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Scheduled reports' })).queryByText('finance@acme.test')).toBeNull());
  });

  it('shows an error with a retry when the schedules cannot be loaded', async () => {
    mockApi({ ...shellRoutes({ users: [admin] }), ...reportsPageRoutes(), 'GET /api/v1/report-schedules': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn(admin);
    renderApp('/reports');
    const card = (await screen.findByRole('heading', { name: 'Scheduled reports' })).closest('section') as HTMLElement;
    expect(await within(card).findByRole('button', { name: /retry|try again/i })).toBeTruthy();
  });
});
