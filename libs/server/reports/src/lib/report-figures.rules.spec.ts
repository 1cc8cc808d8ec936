import { divRound, fromCents, hoursOf, perHour, sumMoney, toCents } from './report-figures.rules';

describe('report figures', () => {
  it('reads and writes money as exact cents', () => {
    expect(toCents('1234.5')).toBe(123450n);
    expect(toCents('0.05')).toBe(5n);
    expect(toCents('-7')).toBe(-700n);
    expect(fromCents(123450n)).toBe('1234.50');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(sumMoney(['0.10', '0.20', '1000000000000000.01'])).toBe('1000000000000000.31');
    expect(() => toCents('1.234')).toThrow();
  });

  it('rounds half away from zero like PostgreSQL', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(hoursOf(18)).toBe(0.01);
    expect(hoursOf(17)).toBe(0);
    expect(hoursOf(5400)).toBe(1.5);
    expect(hoursOf(3600 * 2 + 54)).toBe(2.02);
  });

  it('gives revenue per hour from the exact seconds', () => {
    expect(perHour('1000.00', 3600 * 3)).toBe('333.33');
    expect(perHour('100.00', 7200)).toBe('50.00');
    expect(perHour('0.01', 7200)).toBe('0.01');
    expect(perHour('100.00', 0)).toBeNull();
  });
});
