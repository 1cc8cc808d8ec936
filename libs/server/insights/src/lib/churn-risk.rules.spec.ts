import { AccountFacts, CHURN_WEIGHTS, scoreChurn } from './churn-risk.rules';

const steady: AccountFacts = {
  account_id: 'a',
  name: 'Steady',
  account_age_days: 400,
  hours_last_30d: 20,
  hours_prev_90d: 60,
  days_since_entry: 2,
  days_since_activity: null,
  open_deals: 1,
  lost_deals_180d: 0,
  overdue_invoices: 0,
  overdue_tasks: 0,
};

describe('scoreChurn', () => {
  it('gives an account working as before, touched this week, with an open deal, the intercept only and no reasons', () => {
    const s = scoreChurn(steady);
    expect(s.factors).toEqual([]);
    expect(s.risk).toBeCloseTo(1 / (1 + Math.exp(-CHURN_WEIGHTS.intercept)), 4);
    expect(s.level).toBe('low');
  });

  it('adds each factor by its documented weight and names it, largest first', () => {
    const f: AccountFacts = { ...steady, hours_last_30d: 2, days_since_entry: 35, days_since_activity: 21, open_deals: 0, lost_deals_180d: 1, overdue_invoices: 2, overdue_tasks: 3 };
    const s = scoreChurn(f);
    const expected = {
      effort_decline: CHURN_WEIGHTS.effort_decline * (Math.log1p(20) - Math.log1p(2)),
      // the last touch is the activity, 21 days ago: 14 days beyond a quiet week
      silence: CHURN_WEIGHTS.silence * Math.log1p(14 / 7),
      overdue_invoices: 2 * CHURN_WEIGHTS.overdue_invoices,
      no_open_deal: CHURN_WEIGHTS.no_open_deal,
      lost_deals: CHURN_WEIGHTS.lost_deals,
      overdue_tasks: CHURN_WEIGHTS.overdue_tasks * Math.log1p(3),
    };
    const z = CHURN_WEIGHTS.intercept + Object.values(expected).reduce((a, b) => a + b, 0);
    expect(s.risk).toBeCloseTo(1 / (1 + Math.exp(-z)), 4);
    expect(s.level).toBe('high');
    for (const factor of s.factors) expect(factor.effect).toBeCloseTo(expected[factor.factor], 4);
    expect(s.factors.map((x) => x.factor).sort()).toEqual(Object.keys(expected).sort());
    const sizes = s.factors.map((x) => x.effect);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(s.factors.find((x) => x.factor === 'silence')?.reason).toBe('No time or activity in 21 days');
    expect(s.factors.find((x) => x.factor === 'effort_decline')?.reason).toBe('Hours fell from 20.0 to 2.0 per 30 days');
    expect(s.days_since_touch).toBe(21);
  });

  it('rises with each signal alone (monotone), and never counts rising effort as risk', () => {
    const base = scoreChurn(steady).risk;
    expect(scoreChurn({ ...steady, hours_last_30d: 5 }).risk).toBeGreaterThan(base);
    expect(scoreChurn({ ...steady, days_since_entry: 40 }).risk).toBeGreaterThan(base);
    expect(scoreChurn({ ...steady, overdue_invoices: 1 }).risk).toBeGreaterThan(base);
    expect(scoreChurn({ ...steady, open_deals: 0 }).risk).toBeGreaterThan(base);
    expect(scoreChurn({ ...steady, hours_last_30d: 80 }).risk).toBe(base);
  });

  it('counts an account never touched as silent since its creation', () => {
    const s = scoreChurn({ ...steady, hours_last_30d: 0, hours_prev_90d: 0, days_since_entry: null, days_since_activity: null });
    expect(s.days_since_touch).toBeNull();
    expect(s.factors.find((x) => x.factor === 'silence')?.reason).toBe('No time or activity since it was created 400 days ago');
  });
});
