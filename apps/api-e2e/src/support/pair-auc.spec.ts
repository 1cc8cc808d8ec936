import { pairAuc } from './pair-auc';

describe('pairAuc', () => {
  it('is 1 when every positive scores above every negative, 0 when below, a half for ties', () => {
    expect(pairAuc([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
    expect(pairAuc([0.1, 0.9], [true, false])).toBe(0);
    expect(pairAuc([0.5, 0.5], [true, false])).toBe(0.5);
  });

  it('counts each (positive, negative) pair once', () => {
    // Pairs: (0.7, 0.2) win, (0.7, 0.8) loss, (0.4, 0.2) win, (0.4, 0.8) loss.
    expect(pairAuc([0.7, 0.4, 0.2, 0.8], [true, true, false, false])).toBe(0.5);
  });
});
