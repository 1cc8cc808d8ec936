import { atScale, formatCents, hoursOf, invoiceTotals, lineAmountCents, roundHalfUp, taxCents, toScaled } from './money.util';

describe('money', () => {
  it('reads decimals exactly at a scale and refuses more decimals than it holds', () => {
    expect(toScaled('120.5', 2)).toBe(12050n);
    expect(toScaled('0.9215000000', 10)).toBe(9215000000n);
    expect(toScaled('7', 2)).toBe(700n);
    expect(() => toScaled('1.005', 2)).toThrow();
    expect(() => toScaled('-1', 2)).toThrow();
  });

  it('rounds half up', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1n);
    expect(roundHalfUp(4n, 10n)).toBe(0n);
    expect(roundHalfUp(15n, 10n)).toBe(2n);
    expect(roundHalfUp(0n, 7n)).toBe(0n);
  });

  it('formats cents with two decimals', () => {
    expect(formatCents(0n)).toBe('0.00');
    expect(formatCents(5n)).toBe('0.05');
    expect(formatCents(123456n)).toBe('1234.56');
  });

  it('prices a line once, to the cent, from the seconds', () => {
    // 1 s at 100.00/h = 0.02777... -> 0.03
    expect(lineAmountCents(1n, '100.00', '1')).toBe(3n);
    // 90 s at 1.00/h = 0.025 exactly -> half up -> 0.03
    expect(lineAmountCents(90n, '1', '1')).toBe(3n);
    // 2 h at 80.00 USD/h with 1 USD = 0.9215 EUR -> 147.44
    expect(lineAmountCents(7200n, '80.00', '0.9215')).toBe(14744n);
    expect(hoursOf(5400n)).toBe('1.50');
    expect(hoursOf(1n)).toBe('0.00');
  });

  it('taxes the subtotal and adds it to the total', () => {
    expect(taxCents(1050n, '19')).toBe(200n); // 10.50 * 19% = 1.995 -> 2.00
    expect(invoiceTotals([1000n, 50n], '19')).toEqual({ subtotal: '10.50', tax_amount: '2.00', total: '12.50' });
    expect(invoiceTotals([], '0')).toEqual({ subtotal: '0.00', tax_amount: '0.00', total: '0.00' });
  });
});

describe('atScale', () => {
  it('writes a decimal with exactly the scale of its column', () => {
    expect([atScale('1', 10), atScale('1.1', 10), atScale('0.9215000000', 10), atScale('10', 2), atScale('8.25', 2), atScale('0', 2)]).toEqual([
      '1.0000000000', '1.1000000000', '0.9215000000', '10.00', '8.25', '0.00',
    ]);
  });
});
