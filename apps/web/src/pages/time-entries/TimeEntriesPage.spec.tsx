import type { DealDto, TimeEntryDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const entry = (id: string, extra: Partial<TimeEntryDto> = {}): TimeEntryDto => ({
  id,
  external_id: null,
  user_id: null,
  employee_id: null,
  deal_id: null,
  task_id: null,
  account_id: null,
  project_name: 'Mystery work',
  tags: [],
  start_time: '2026-02-02T09:00:00Z',
  end_time: '2026-02-02T10:30:00Z',
  duration_seconds: 5400,
  activity_type: 'app',
  productivity_score: 80,
  source: 'agent',
  mapping_status: 'unmapped',
  mapping_rule: null,
  unmapped_reason: 'no_match',
  sync_status: 'pending',
  billable: true,
  source_updated_at: null,
  version: 1,
  created_at: '2026-02-02T10:30:00Z',
  updated_at: '2026-02-02T10:30:00Z',
  ...extra,
});
const openDeal = { id: 'd1', name: 'Website rebuild', stage: 'proposal' } as DealDto;
/** The review queue asks for suggestions of the entries it shows: none known here. */
const noSuggestions = { 'GET /api/v1/insights/mapping-suggestions': { body: { decisions: 0, data: [] } } };
/** Opens the review queue as a manager and chooses Website rebuild for the Mystery work entry; answers the queue's table. */
const pickDealInReviewQueue = async () => {
  signIn(makeUser('manager'));
  renderApp('/time-entries?view=review');
  const table = await screen.findByRole('table', { name: 'Unmapped time entries' });
  const select = within(table).getByRole('combobox', { name: 'Deal for Mystery work' });
  await within(select).findByRole('option', { name: 'Website rebuild' });
  fireEvent.change(select, { target: { value: 'd1' } });
  return table;
};

describe('TimeEntriesPage', () => {
  it('shows entries with their sync status and keeps the date range in the URL', async () => {
    const api = mockApi({ ...shellRoutes(), 'GET /api/v1/time-entries': page([entry('e1', { mapping_status: 'mapped', unmapped_reason: null, sync_status: 'synced', project_name: 'Design review' }), entry('e2')]) });
    signIn();
    renderApp('/time-entries');
    const table = await screen.findByRole('table', { name: 'Time entries' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('Synced')).toBeTruthy();
    expect(within(rows[1]).getByText('Pending')).toBeTruthy();
    expect(within(rows[1]).getByText('Unmapped · no match')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-01' } });
    await waitFor(() => expect(currentLocation()).toBe('/time-entries?date_from=2026-02-01'));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/time-entries' && c.query.date_from === '2026-02-01')).toBe(true));

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search time entries' }), { target: { value: 'design' } });
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Time entries' })).getAllByRole('row')).toHaveLength(2));
  });

  it('assigns an unmapped entry to a deal from the review queue', async () => {
    let assigned = false;
    const api = mockApi({
      ...shellRoutes(),
      ...noSuggestions,
      'GET /api/v1/time-entries/unmapped': () => page(assigned ? [] : [entry('e2')]),
      'GET /api/v1/deals': page([openDeal]),
      'POST /api/v1/time-entries/:id/assign': () => ((assigned = true), { body: entry('e2', { deal_id: 'd1', mapping_status: 'mapped' }) }),
    });
    const table = await pickDealInReviewQueue();
    fireEvent.click(within(table).getByRole('button', { name: 'Assign' }));

    expect(await screen.findByText('1h 30m assigned to Website rebuild')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/time-entries/e2/assign')[0].body).toEqual({ deal_id: 'd1' });
    expect(await screen.findByText('The review queue is empty')).toBeTruthy();
  });

  it('offers the deal past assignments point to, accepted in one click', async () => {
    let assigned = false;
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/time-entries/unmapped': () => page(assigned ? [entry('e3', { project_name: 'Gamma' })] : [entry('e2'), entry('e3', { project_name: 'Gamma' })]),
      'GET /api/v1/deals': page([openDeal]),
      'GET /api/v1/insights/mapping-suggestions': {
        body: {
          decisions: 12,
          data: [
            { entry_id: 'e2', deal_id: 'd1', confidence: 0.8731, because: ['word:mystery'] },
            { entry_id: 'e3', deal_id: null, confidence: null, because: [] },
          ],
        },
      },
      'POST /api/v1/time-entries/:id/assign': () => ((assigned = true), { body: entry('e2', { deal_id: 'd1', mapping_status: 'mapped' }) }),
    });
    signIn(makeUser('manager'));
    renderApp('/time-entries?view=review');
    const table = await screen.findByRole('table', { name: 'Unmapped time entries' });
    const accept = await within(table).findByRole('button', { name: 'Accept Website rebuild for Mystery work' });
    // 0.8731 shown as a whole percentage; the entry without a suggestion offers none.
    expect(within(table).getByText(`(${Math.round(0.8731 * 100)} %)`)).toBeTruthy();
    expect(within(table).queryByRole('button', { name: /^Accept .* for Gamma$/ })).toBeNull();
    expect(api.callsTo('GET', '/api/v1/insights/mapping-suggestions')[0].query).toEqual({ entry_ids: 'e2,e3' });
    fireEvent.click(accept);

    expect(await screen.findByText('1h 30m assigned to Website rebuild')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/time-entries/e2/assign')[0].body).toEqual({ deal_id: 'd1' });
    // The decision teaches the model: the queue asks again for what is left.
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/insights/mapping-suggestions').some((c) => c.query.entry_ids === 'e3')).toBe(true));
  });

  it('makes a rule from an entry, matching the chosen values', async () => {
    const api = mockApi({
      ...shellRoutes(),
      ...noSuggestions,
      'GET /api/v1/time-entries/unmapped': page([entry('e2', { tags: ['acme'] })]),
      'GET /api/v1/deals': page([openDeal]),
      'POST /api/v1/time-entries/:id/assign': { body: entry('e2', { deal_id: 'd1', mapping_status: 'mapped' }) },
    });
    const table = await pickDealInReviewQueue();
    fireEvent.click(within(table).getByRole('button', { name: 'Make this a rule from Mystery work' }));

    const dialog = screen.getByRole('dialog', { name: 'Make this a rule' });
    expect((within(dialog).getByRole('checkbox', { name: 'Project is “Mystery work”' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Tagged acme' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Assign and create rule' }));

    expect(await screen.findByText('1h 30m assigned to Website rebuild, and a rule created')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/time-entries/e2/assign')[0].body).toEqual({ deal_id: 'd1', create_rule: { match_on: ['project_name', 'tags'] } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('assigns the selected entries at once', async () => {
    const api = mockApi({
      ...shellRoutes(),
      ...noSuggestions,
      'GET /api/v1/time-entries/unmapped': page([entry('e1', { project_name: 'Alpha' }), entry('e2', { project_name: 'Beta' }), entry('e3', { project_name: 'Gamma' })]),
      'GET /api/v1/deals': page([openDeal]),
      'POST /api/v1/time-entries/bulk-assign': { body: { updated: 2, data: [] } },
    });
    signIn(makeUser('admin'));
    renderApp('/time-entries?view=review');
    const table = await screen.findByRole('table', { name: 'Unmapped time entries' });
    fireEvent.click(within(table).getByRole('checkbox', { name: 'Select Alpha' }));
    fireEvent.click(within(table).getByRole('checkbox', { name: 'Select Gamma' }));
    const bar = screen.getByRole('region', { name: 'Selected entries' });
    expect(within(bar).getByText('2 selected')).toBeTruthy();
    const select = within(bar).getByRole('combobox', { name: 'Deal for the selected entries' });
    await within(select).findByRole('option', { name: 'Website rebuild' });
    fireEvent.change(select, { target: { value: 'd1' } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Assign selected' }));

    expect(await screen.findByText('2 entries assigned to Website rebuild')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/time-entries/bulk-assign')[0].body).toEqual({ ids: ['e1', 'e3'], deal_id: 'd1' });
    expect(screen.queryByRole('region', { name: 'Selected entries' })).toBeNull();
  });

  it('lists mapping rules and disables one with its version in If-Match', async () => {
    const rule = { id: 'r1', name: 'Acme site', priority: 100, enabled: true, project_name: 'acme', project_match: 'contains', tags: [], user_id: null, employee_id: null, activity_type: null, deal_id: 'd1', task_id: null, created_by: null, version: 3, created_at: '', updated_at: '' };
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/mapping-rules': page([rule]),
      'GET /api/v1/deals': page([openDeal]),
      'PATCH /api/v1/mapping-rules/:id': { body: { ...rule, enabled: false, version: 4 } },
      'GET /api/v1/insights/rule-precision': { body: { data: [] } },
      'GET /api/v1/insights/suggested-rules': { body: { min_decisions: 5, data: [] } },
    });
    signIn(makeUser('manager'));
    renderApp('/time-entries?view=rules');
    const table = await screen.findByRole('table', { name: 'Mapping rules' });
    expect(within(table).getByText('project contains “acme”')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Disable Acme site' }));
    expect(await screen.findByText('Rule “Acme site” saved')).toBeTruthy();
    const patch = api.callsTo('PATCH', '/api/v1/mapping-rules/r1')[0];
    expect(patch.body).toEqual({ enabled: false });
    expect(patch.headers.get('If-Match')).toBe('3');
  });

  // One test per role, so the strict API mock checks each role's calls (a second mockApi() in the same test forgets the first one's).
  it.each(['sales', 'support'] as const)('shows %s "My time": their own entries, no person filter and no person or productivity column', async (role) => {
    const user = makeUser(role);
    mockApi({ ...shellRoutes(), 'GET /api/v1/time-entries': page([entry('e1', { user_id: user.id, productivity_score: null, project_name: 'Own work' })]) });
    signIn(user);
    renderApp('/time-entries');
    expect(await screen.findByRole('heading', { name: 'My time' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'My time entries' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Work', 'Deal', 'Start', 'Duration', 'Sync']);
    expect(within(table).getByText('Own work')).toBeTruthy();
    expect(screen.queryByLabelText('Person')).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Productivity' })).toBeNull();
  });

  it('shows admins and managers everyone\'s entries with person and productivity columns', async () => {
    const manager = makeUser('manager');
    mockApi({
      ...shellRoutes({ users: [manager, makeUser('sales')] }),
      'GET /api/v1/time-entries': page([entry('e1', { user_id: manager.id, productivity_score: 0.87, project_name: 'Design review' })]),
    });
    signIn(manager);
    renderApp('/time-entries');
    expect(await screen.findByRole('heading', { name: 'Time Entries' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Time entries' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Work', 'Person', 'Deal', 'Start', 'Duration', 'Productivity', 'Sync']);
    expect(within(table).getByText('87%')).toBeTruthy();
    expect(await screen.findByLabelText('Person')).toBeTruthy();
  });

  it('has no review queue for sales', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/time-entries': page([]) });
    signIn(makeUser('sales'));
    renderApp('/time-entries?view=review');
    expect(await screen.findByText('No time entries yet')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Review queue' })).toBeNull();
  });
});
