import { lockWaiters, RowsQuery, waitForLockWaiters } from './lock-waiters.util';

/** A query answering the counts in turn (the last one from then on), recording what it was asked. */
const counting = (...counts: number[]) => {
  const asked: unknown[][] = [];
  const query: RowsQuery = async (_sql, params) => {
    asked.push(params ?? []);
    return [{ n: counts.length > 1 ? counts.shift() : counts[0] }];
  };
  return { query, asked };
};

describe('lock waiters', () => {
  it('counts the ungranted lock requests on the table it is given', async () => {
    const { query, asked } = counting(2);
    expect(await lockWaiters(query, 'contacts')).toBe(2);
    expect(asked).toEqual([['contacts']]);
  });

  it('polls until at least the count waits, and answers the count seen', async () => {
    const { query, asked } = counting(0, 1, 4);
    expect(await waitForLockWaiters(query, 'accounts', 3, 2_000, 5)).toBe(4);
    expect(asked).toHaveLength(3);
  });

  it('fails naming the table, the count and the last count seen', async () => {
    await expect(waitForLockWaiters(counting(1).query, 'time_entries', 2, 50, 5)).rejects.toThrow(
      'Timed out after 50 ms waiting for 2 lock requests on time_entries not granted (last count: 1)',
    );
  });
});
