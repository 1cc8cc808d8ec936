import type { DealDto, MappingRuleDto, SuggestedRuleDto, TimeEntryDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const openDeal = { id: 'd1', name: 'Website rebuild', stage: 'proposal' } as DealDto;
const rule = (id: string, name: string): MappingRuleDto =>
  ({ id, name, priority: 100, enabled: true, project_name: name.toLowerCase(), project_match: 'equals', tags: [], user_id: null, employee_id: null, activity_type: null, deal_id: 'd1', task_id: null, created_by: null, version: 1, created_at: '', updated_at: '' }) as unknown as MappingRuleDto;
const suggestion: SuggestedRuleDto = { kind: 'tag', value: 'design', deal_id: 'd1', decisions: 6, pattern_decisions: 7, rule: { name: 'Learned: tag "design"', tags: ['design'], deal_id: 'd1' } };
const error500 = { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } };
const autoApplied = {
  id: 'e1', external_id: null, user_id: null, employee_id: null, deal_id: 'd1', task_id: null, account_id: null, project_name: 'Brand sprint', tags: [], start_time: '2026-02-02T09:00:00Z',
  end_time: '2026-02-02T10:00:00Z', duration_seconds: 3600, activity_type: 'app', productivity_score: 0.8, source: 'agent', mapping_status: 'mapped', mapping_rule: 'suggestion', unmapped_reason: null,
  sync_status: 'synced', billable: true, source_updated_at: null, version: 2, created_at: '2026-02-02T10:00:00Z', updated_at: '2026-02-02T10:00:00Z',
} as TimeEntryDto;

describe('Mapping that learns', { timeout: 40_000 }, () => {
  it("shows each rule's precision with its counts, and creates a suggested rule through POST /mapping-rules", async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/mapping-rules': page([rule('r1', 'Apollo'), rule('r2', 'Zeus')]),
      'GET /api/v1/deals': page([openDeal]),
      'GET /api/v1/insights/rule-precision': {
        body: {
          data: [
            { rule_id: 'r1', name: 'Apollo', enabled: true, deal_id: 'd1', task_id: null, mapped: 10, stayed: 7, reassigned: 3, precision: 0.7 },
            { rule_id: 'r2', name: 'Zeus', enabled: true, deal_id: 'd1', task_id: null, mapped: 0, stayed: 0, reassigned: 0, precision: null },
          ],
        },
      },
      'GET /api/v1/insights/suggested-rules': { body: { min_decisions: 5, data: [suggestion] } },
      'POST /api/v1/mapping-rules': { status: 201, body: rule('r3', 'Learned: tag "design"') },
    });
    signIn(makeUser('manager'));
    renderApp('/time-entries?view=rules');
    const table = await screen.findByRole('table', { name: 'Mapping rules' });
    const [apollo, zeus] = within(table).getAllByRole('row').slice(1);
    expect(await within(apollo).findByText('70 %')).toBeTruthy();
    expect(within(apollo).getByText('7 of 10 stayed · 3 reassigned')).toBeTruthy();
    expect(within(zeus).getByText('No entries mapped yet')).toBeTruthy();

    const panel = await screen.findByRole('region', { name: 'Suggested rules' });
    expect(await within(panel).findByText('tagged design → Website rebuild')).toBeTruthy();
    expect(within(panel).getByText('assigned so 6 of 7 times')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Create rule: tagged design → Website rebuild' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/mapping-rules')[0]?.body).toEqual(suggestion.rule));
    expect(await screen.findByText('Rule “Learned: tag "design"” created')).toBeTruthy();
  });

  it('dismisses a suggestion, says when there is none, and when the suggestions cannot be read', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/mapping-rules': page([]),
      'GET /api/v1/deals': page([openDeal]),
      'GET /api/v1/insights/rule-precision': { body: { data: [] } },
      'GET /api/v1/insights/suggested-rules': (_call, calls) =>
        calls.filter((c) => c.path === '/api/v1/insights/suggested-rules').length === 1 ? { body: { min_decisions: 5, data: [suggestion] } } : { body: { min_decisions: 5, data: [] } },
      'POST /api/v1/insights/suggested-rules/dismiss': { status: 204 },
    });
    signIn(makeUser('manager'));
    const { unmount } = renderApp('/time-entries?view=rules');
    const panel = await screen.findByRole('region', { name: 'Suggested rules' });
    fireEvent.click(await within(panel).findByRole('button', { name: 'Dismiss: tagged design → Website rebuild' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/insights/suggested-rules/dismiss')[0]?.body).toEqual({ kind: 'tag', value: 'design', deal_id: 'd1' }));
    expect(await within(panel).findByText('No suggested rules')).toBeTruthy();
    unmount();

    mockApi({ ...shellRoutes(), 'GET /api/v1/mapping-rules': page([]), 'GET /api/v1/deals': page([openDeal]), 'GET /api/v1/insights/rule-precision': error500, 'GET /api/v1/insights/suggested-rules': error500 });
    signIn(makeUser('manager'));
    renderApp('/time-entries?view=rules');
    const failed = await screen.findByRole('region', { name: 'Suggested rules' });
    expect(await within(failed).findByRole('alert')).toBeTruthy();
  });

  it('marks an auto-applied entry in the list and undoes it', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/time-entries': page([autoApplied]),
      'GET /api/v1/deals': page([openDeal]),
      'POST /api/v1/insights/auto-applied/:id/undo': { body: { ...autoApplied, mapping_status: 'unmapped', mapping_rule: null, deal_id: null, unmapped_reason: 'suggestion_undone' } },
    });
    signIn(makeUser('manager'));
    renderApp('/time-entries');
    const table = await screen.findByRole('table', { name: 'Time entries' });
    expect(within(table).getByText('Auto-applied')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Undo the auto-applied deal of Brand sprint' }));
    expect(await screen.findByText('Back in the review queue')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/insights/auto-applied/e1/undo')).toHaveLength(1);
  });
});
