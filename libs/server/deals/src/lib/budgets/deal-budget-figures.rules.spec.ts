import { burnOf, crossed } from './deal-budget-figures.rules';

describe('budget burn', () => {
  it('gives percent to 1 decimal, the 14-day daily burn and the day the budget runs out', () => {
    // 10 h budget, 9 h used, 9 h in the last 14 days: 0.64 h a day, 1 h left -> ceil(14 / 9) = 2 days.
    expect(burnOf('hours', '10.00', 900n, 900n, '2026-12-06', null, [])).toEqual({
      kind: 'hours', budget: '10.00', used: '9.00', currency: null, percent: 90, daily_burn: '0.64', projected_exhaustion: '2026-12-08', alerted: [],
    });
    expect(burnOf('money', '900.00', 80000n, 80000n, '2026-12-30', 'EUR', [50]).projected_exhaustion).toBe('2027-01-01');
    expect(burnOf('money', '3.00', 200n, 0n, '2026-12-06', 'EUR', []).percent).toBe(66.7);
  });

  it('projects nothing once spent or without recent burn', () => {
    expect(burnOf('hours', '10.00', 1400n, 300n, '2026-12-06', null, []).projected_exhaustion).toBeNull();
    expect(burnOf('hours', '10.00', 100n, 0n, '2026-12-06', null, []).projected_exhaustion).toBeNull();
  });

  it('crosses a threshold exactly (79.99 % is not 80 %) and not twice', () => {
    const almost = burnOf('money', '100.00', 7999n, 0n, '2026-12-06', 'USD', [50]);
    expect(almost.percent).toBe(80);
    expect(crossed(almost, [50, 80, 100])).toEqual([]);
    expect(crossed(burnOf('money', '100.00', 8000n, 0n, '2026-12-06', 'USD', [50]), [50, 80, 100])).toEqual([80]);
  });
});
