import { describe, expect, it } from 'vitest';
import { queryKeys } from './query-keys';

describe('queryKeys', () => {
  it("nests every key of a section under the section's own, so invalidating `all` reaches each", () => {
    for (const [section, keys] of Object.entries(queryKeys)) {
      if (Array.isArray(keys) || !('all' in keys)) continue;
      const all = keys.all as readonly unknown[];
      for (const [name, key] of Object.entries(keys)) {
        const built = (typeof key === 'function' ? (key as (...args: unknown[]) => readonly unknown[])('x', 'y') : key) as readonly unknown[];
        expect(built.slice(0, all.length), `${section}.${name}`).toEqual(all);
      }
    }
  });

  it('keeps filtered lists apart: two filter sets are two cache entries', () => {
    expect(queryKeys.deals.board({ q: 'acme' })).not.toEqual(queryKeys.deals.board({ q: 'globex' }));
    expect(queryKeys.accounts.list({})).toEqual(['accounts', 'list', {}]);
  });
});
