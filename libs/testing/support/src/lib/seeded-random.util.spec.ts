import { prng } from './seeded-random.util';

describe('prng', () => {
  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const drawn = Array.from({ length: 1000 }, () => a());
    expect(drawn).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives other numbers for another seed', () => {
    expect(prng(1)()).not.toBe(prng(2)());
  });
});
