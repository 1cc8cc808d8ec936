import { changedAccounts, changedDeals } from './insight-changes.rules';

describe('insight changes', () => {
  it('reports a deal once its set of codes differs, in any order, and treats no state as no signals', () => {
    const stored = new Map([
      ['d1', ['idle_late_stage']],
      ['d2', ['effort_above_won', 'idle_late_stage']],
    ]);
    const now = [
      { deal_id: 'd1', codes: ['idle_late_stage'] },
      { deal_id: 'd2', codes: ['idle_late_stage', 'effort_above_won'] },
      { deal_id: 'd3', codes: [] },
      { deal_id: 'd4', codes: ['budget_ahead_of_timeline'] },
      { deal_id: 'd1x', codes: [] },
    ];
    expect(changedDeals(now, stored)).toEqual([{ deal_id: 'd4', codes: ['budget_ahead_of_timeline'], from: [] }]);
    expect(changedDeals([{ deal_id: 'd1', codes: [] }], stored)).toEqual([{ deal_id: 'd1', codes: [], from: ['idle_late_stage'] }]);
  });

  it('reports an account whose band moved, low when never stored', () => {
    const stored = new Map([['a1', 'high' as const]]);
    expect(
      changedAccounts(
        [
          { account_id: 'a1', level: 'high' },
          { account_id: 'a2', level: 'low' },
          { account_id: 'a3', level: 'medium' },
        ],
        stored,
      ),
    ).toEqual([{ account_id: 'a3', level: 'medium', from: 'low' }]);
    expect(changedAccounts([{ account_id: 'a1', level: 'low' }], stored)).toEqual([{ account_id: 'a1', level: 'low', from: 'high' }]);
  });
});
