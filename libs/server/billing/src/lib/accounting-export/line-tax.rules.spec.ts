import { lineTaxes } from './line-tax.rules';

const cents = (a: string[]) => a.reduce((s, x) => s + Math.round(Number(x) * 100), 0);

describe('lineTaxes', () => {
  it('spreads the tax by line amount and adds up to the invoice tax', () => {
    // 10% of 100.00 + 50.00 + 0.05 = 15.005 -> invoice tax 15.01 (half up on the subtotal)
    const taxes = lineTaxes(['100.00', '50.00', '0.05'], '15.01');
    expect(taxes).toEqual(['10.00', '5.00', '0.01']);
    expect(cents(taxes)).toBe(1501);
  });

  it('gives the left-over cents to the largest remainders', () => {
    // 3 equal lines, 1.00 tax: 0.33 each + one cent to the first
    expect(lineTaxes(['1.00', '1.00', '1.00'], '1.00')).toEqual(['0.34', '0.33', '0.33']);
  });

  it('is zero per line without tax and puts tax on the first line of a zero subtotal', () => {
    expect(lineTaxes(['12.50', '7.25'], '0.00')).toEqual(['0.00', '0.00']);
    expect(lineTaxes(['0.00', '0.00'], '0.00')).toEqual(['0.00', '0.00']);
  });
});
