import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { ActivitiesReportCard } from './ActivitiesReportCard';

const manager = makeUser('manager');
const rep = makeUser('sales', { name: 'Rita Rep' });
type Row = { key: string | null; count: number; total_duration_minutes: number };
const byType: Row[] = [
  { key: 'call', count: 3, total_duration_minutes: 40 },
  { key: 'meeting', count: 1, total_duration_minutes: 60 },
];
const byUser: Row[] = [
  { key: rep.id, count: 2, total_duration_minutes: 75 },
  { key: null, count: 2, total_duration_minutes: 25 },
];
const reply = (rows: Row[]) => ({ body: { group_by: 'type', rows, total_count: rows.reduce((s, r) => s + r.count, 0), total_duration_minutes: rows.reduce((s, r) => s + r.total_duration_minutes, 0) } });

describe('ActivitiesReportCard', () => {
  it('counts calls and meetings per type, then per person, over the page range', async () => {
    const api = mockApi({ ...shellRoutes({ users: [manager, rep] }), 'GET /api/v1/reports/activities': (call) => reply(call.query.group_by === 'user' ? byUser : byType) });
    signIn(manager);
    renderWithProviders(
      <AppProviders>
        <ActivitiesReportCard range={{ date_from: '2026-05-01', date_to: '2026-06-01' }} />
      </AppProviders>,
    );
    const table = await screen.findByRole('table', { name: 'Calls and meetings' });
    const cells = () => within(screen.getByRole('table', { name: 'Calls and meetings' })).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    // The total row is the sum of the rows above it (4 activities, 100 minutes).
    expect(cells()).toEqual([
      ['Call', '3', '40'],
      ['Meeting', '1', '60'],
      ['Total', '4', '100'],
    ]);
    expect(table).toBeTruthy();
    expect(api.callsTo('GET', '/api/v1/reports/activities')[0].query).toEqual({ group_by: 'type', from: '2026-05-01', to: '2026-06-01' });
    fireEvent.change(screen.getByLabelText('Count by'), { target: { value: 'user' } });
    await waitFor(() => expect(cells()[0]).toEqual(['Rita Rep', '2', '75']));
    expect(cells()[1]).toEqual(['Nobody (API)', '2', '25']);
  });

  it('says so when the range has none', async () => {
    mockApi({ ...shellRoutes({ users: [manager] }), 'GET /api/v1/reports/activities': reply([]) });
    signIn(manager);
    renderWithProviders(
      <AppProviders>
        <ActivitiesReportCard range={{}} />
      </AppProviders>,
    );
    expect(await screen.findByText('No calls or meetings in this range')).toBeTruthy();
  });
});
