import { DealHealthFacts, dealHealthSignals, timelineElapsed } from './deal-health.rules';

const NOW = new Date('2026-06-16T00:00:00Z');
const base: DealHealthFacts = {
  deal_id: 'd',
  deal_name: 'Deal',
  account_id: null,
  stage: 'negotiation',
  currency: 'USD',
  value: 10000,
  deal_age_days: 60,
  days_since_entry: 2,
  hours: 10,
  won_peers: 0,
  won_peer_median_hours: null,
  hours_budget: null,
  budget_period: 'life',
  budget_used_hours: 0,
  money_budget: null,
  budget_used_money: 0,
  timeline_start: '2026-06-01',
  timeline_end: null,
};
const codes = (f: Partial<DealHealthFacts>) => dealHealthSignals({ ...base, ...f }, NOW).map((s) => s.code);

describe('deal health signals', () => {
  it('flags a late-stage deal without hours for 14 days, not an early one or a recent one', () => {
    const [s] = dealHealthSignals({ ...base, days_since_entry: 21.7 }, NOW);
    expect(s).toEqual({ code: 'idle_late_stage', message: 'Negotiation, no hours in 21 days', numbers: { days_without_hours: 21 } });
    expect(codes({ days_since_entry: 13.9 })).toEqual([]);
    expect(codes({ days_since_entry: 30, stage: 'qualification' })).toEqual([]);
    expect(dealHealthSignals({ ...base, days_since_entry: null, deal_age_days: 40 }, NOW)[0].message).toBe('Negotiation, no hours logged in its 40 days');
  });

  it('flags effort at 3× the median of at least 3 won deals of its size', () => {
    const [s] = dealHealthSignals({ ...base, hours: 36, won_peers: 5, won_peer_median_hours: 12 }, NOW);
    expect(s.code).toBe('effort_above_won');
    expect(s.numbers).toEqual({ hours: 36, median_hours: 12, multiple: 3, won_peers: 5 });
    expect(s.message).toBe('Pre-sales effort 3× the median of won deals of this size (36.0 h against 12.0 h over 5 deals)');
    expect(codes({ hours: 35.9, won_peers: 5, won_peer_median_hours: 12 })).toEqual([]);
    expect(codes({ hours: 100, won_peers: 2, won_peer_median_hours: 12 })).toEqual([]);
    expect(codes({ hours: 100, won_peers: 4, won_peer_median_hours: 0 })).toEqual([]);
  });

  it('measures the timeline from start to the end day included, or the month', () => {
    // June 1 to June 30 included: 30 days, 15 passed on June 16.
    expect(timelineElapsed({ budget_period: 'life', timeline_start: '2026-06-01', timeline_end: '2026-06-30' }, NOW)).toBeCloseTo(0.5, 10);
    expect(timelineElapsed({ budget_period: 'life', timeline_start: '2026-06-01', timeline_end: null }, NOW)).toBeNull();
    expect(timelineElapsed({ budget_period: 'month', timeline_start: '2020-01-01', timeline_end: null }, NOW)).toBeCloseTo(0.5, 10);
    expect(timelineElapsed({ budget_period: 'life', timeline_start: '2026-07-01', timeline_end: '2026-07-30' }, NOW)).toBe(0);
  });

  it('flags a budget used 20 points ahead of its timeline', () => {
    const f = { hours_budget: 100, timeline_end: '2026-06-30' };
    const [s] = dealHealthSignals({ ...base, ...f, budget_used_hours: 70 }, NOW);
    expect(s).toEqual({
      code: 'budget_ahead_of_timeline',
      message: "Budget burning faster than the timeline: 70 % of the hours budget used (70 of 100 h) at 50 % of the deal's timeline",
      numbers: { budget_used_percent: 70, timeline_percent: 50, used_hours: 70, budget_hours: 100 },
    });
    expect(codes({ ...f, budget_used_hours: 69.9 })).toEqual([]);
    expect(codes({ hours_budget: 100, budget_used_hours: 99 })).toEqual([]);
    expect(codes({ hours_budget: 100, budget_period: 'month', budget_used_hours: 80 })).toEqual(['budget_ahead_of_timeline']);
  });

  it('flags a money budget whose billable value used runs 20 points ahead of the timeline, with the figures', () => {
    const f = { money_budget: 10000, timeline_end: '2026-06-30' };
    // June 16 is half of June 1..30: 70 % used is 20 points ahead.
    const [s] = dealHealthSignals({ ...base, ...f, budget_used_money: 7000 }, NOW);
    expect(s).toEqual({
      code: 'budget_ahead_of_timeline',
      message: "Budget burning faster than the timeline: 70 % of the money budget used (7000.00 of 10000.00 USD billable) at 50 % of the deal's timeline",
      numbers: { budget_used_percent: 70, timeline_percent: 50, used_money: 7000, budget_money: 10000 },
    });
    expect(codes({ ...f, budget_used_money: 6990 })).toEqual([]);
    // No end date: no timeline for a life budget.
    expect(codes({ money_budget: 10000, budget_used_money: 9900 })).toEqual([]);
    const [monthly] = dealHealthSignals({ ...base, money_budget: 2000, budget_used_money: 1500.5, budget_period: 'month' }, NOW);
    expect(monthly.message).toBe("Budget burning faster than the timeline: 75 % of this month's money budget used (1500.50 of 2000.00 USD billable) at 50 % of the month");
  });

  it('gives one signal for the budget furthest ahead when a deal has both, hours first on a tie', () => {
    const f = { hours_budget: 100, money_budget: 10000, timeline_end: '2026-06-30' };
    const both = (hours: number, money: number) => dealHealthSignals({ ...base, ...f, budget_used_hours: hours, budget_used_money: money }, NOW);
    expect(both(75, 9000)).toEqual([expect.objectContaining({ numbers: expect.objectContaining({ budget_used_percent: 90, used_money: 9000 }) })]);
    expect(both(95, 9000)).toEqual([expect.objectContaining({ numbers: expect.objectContaining({ budget_used_percent: 95, used_hours: 95 }) })]);
    expect(both(80, 8000)[0].numbers).toHaveProperty('used_hours', 80);
    expect(both(60, 6000)).toEqual([]);
  });
});
