import { auc, brier } from './model-metrics.rules';

describe('auc', () => {
  it('counts the positive-over-negative pairs, ties a half (by hand)', () => {
    // Positives 0.9, 0.4; negatives 0.5, 0.4, 0.1. Pairs: 0.9 beats all 3; 0.4 beats 0.1, ties 0.4, loses to 0.5 → 1 + 0.5.
    // (3 + 1.5) / (2 × 3) = 0.75
    expect(auc([0.9, 0.5, 0.4, 0.4, 0.1], [1, 0, 1, 0, 0])).toBeCloseTo(0.75, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties and null with one class', () => {
    expect(auc([0.2, 0.8], [0, 1])).toBe(1);
    expect(auc([0.8, 0.2], [0, 1])).toBe(0);
    expect(auc([0.3, 0.3, 0.3], [0, 1, 1])).toBe(0.5);
    expect(auc([0.3, 0.6], [1, 1])).toBeNull();
  });
});

describe('brier', () => {
  it('is the mean squared error of the probabilities (by hand)', () => {
    // (0.9-1)² + (0.2-0)² + (0.6-0)² = 0.01 + 0.04 + 0.36 = 0.41; / 3
    expect(brier([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(0.41 / 3, 12);
    expect(brier([], [])).toBeNull();
  });
});
