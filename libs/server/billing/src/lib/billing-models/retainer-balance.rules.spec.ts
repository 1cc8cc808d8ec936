import { proratedMonth, retainerMonths, RetainerTerms } from './retainer-balance.rules';

const H = (hours: number) => BigInt(Math.round(hours * 3600));
const terms = (over: Partial<RetainerTerms> = {}): RetainerTerms => ({ hoursPerMonth: '10', priceCents: 100000n, overageRateCents: 15000n, rolloverMonths: 2, startsOn: '2026-01-01', ...over });

describe('retainer balance rules', () => {
  it('prorates a mid-month start by the days left, start day included', () => {
    // April has 30 days; from the 16th: 15 days. 10 h × 15/30 = 5 h; 1000.00 × 15/30 = 500.00
    expect(proratedMonth(terms({ startsOn: '2026-04-16' }))).toEqual({ includedSeconds: H(5), priceCents: 50000n });
    // March has 31 days; from the 21st: 11 days. 10 h × 11/31 = 3.548.. -> 3.55 h; 100000 × 11/31 = 35483.87.. -> 35484
    expect(proratedMonth(terms({ startsOn: '2026-03-21' }))).toEqual({ includedSeconds: 355n * 36n, priceCents: 35484n });
  });

  it('rolls unused hours over for up to N months and uses the oldest first', () => {
    const used = new Map([['2026-01', H(6)], ['2026-02', H(3)], ['2026-03', H(15)], ['2026-04', H(0)]]);
    const [jan, feb, mar, apr] = retainerMonths(terms(), used, '2026-04');
    expect(jan).toMatchObject({ rolledOverSeconds: 0n, leftSeconds: H(4), overageSeconds: 0n });
    // February: 3 h drawn from January's 4 (1 h left of it), its own 10 untouched
    expect(feb).toMatchObject({ rolledOverSeconds: H(4), leftSeconds: H(11), overageSeconds: 0n });
    // March: 1 h of January + 10 h of February, then 4 h of its own 10
    expect(mar).toMatchObject({ rolledOverSeconds: H(11), leftSeconds: H(6), overageSeconds: 0n });
    // April: only March's 6 h remain
    expect(apr).toMatchObject({ rolledOverSeconds: H(6), leftSeconds: H(16) });
  });

  it('lets unused hours expire after N months', () => {
    const [, , mar, apr] = retainerMonths(terms(), new Map(), '2026-04');
    expect(mar.rolledOverSeconds).toBe(H(20)); // January and February
    expect(apr.rolledOverSeconds).toBe(H(20)); // February and March; January expired
    const [, noRoll] = retainerMonths(terms({ rolloverMonths: 0 }), new Map(), '2026-02');
    expect(noRoll.rolledOverSeconds).toBe(0n);
  });

  it('bills hours beyond included and rolled over at the overage rate', () => {
    const [jan] = retainerMonths(terms({ rolloverMonths: 0 }), new Map([['2026-01', H(12.5) + 1n]]), '2026-01');
    expect(jan.overageSeconds).toBe(H(2.5) + 1n);
    // 9001 s × 150.00/h = 375.0416.. -> 375.04
    expect(jan.overageCents).toBe(37504n);
    expect(jan.leftSeconds).toBe(0n);
  });

  it('is empty before the start', () => {
    expect(retainerMonths(terms({ startsOn: '2026-05-02' }), new Map(), '2026-04')).toEqual([]);
  });
});
