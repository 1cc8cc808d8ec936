import { marginPercent } from './profitability.service';

describe('marginPercent', () => {
  it('is margin / value × 100 with one decimal, half away from zero', () => {
    expect(marginPercent(75000n, 120000n)).toBe('62.5');
    expect(marginPercent(1n, 3n)).toBe('33.3');
    expect(marginPercent(2n, 3n)).toBe('66.7');
    expect(marginPercent(-1n, 8n)).toBe('-12.5');
    expect(marginPercent(-1n, 1600n)).toBe('-0.1');
    expect(marginPercent(0n, 500n)).toBe('0.0');
  });

  it('is null without a billable value', () => {
    expect(marginPercent(-500n, 0n)).toBeNull();
  });
});
