import { QUEUES } from './queue-names';

describe('queue names', () => {
  it('are unique and safe as Redis key segments', () => {
    const names = Object.values(QUEUES);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});
