import { waitFor } from './wait-for.util';

describe('waitFor', () => {
  it('answers the first truthy value the check returns', async () => {
    let calls = 0;
    const value = await waitFor('the third call', async () => (++calls >= 3 ? { calls } : null), 2_000, 5);
    expect(value).toEqual({ calls: 3 });
  });

  it('fails naming what it waited for and the last value', async () => {
    await expect(waitFor('a miracle', async () => 0, 50, 5)).rejects.toThrow('Timed out after 50 ms waiting for a miracle (last value: 0)');
  });
});
