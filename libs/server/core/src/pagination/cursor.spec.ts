import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor, parseSort, toPage } from './cursor';

describe('keyset cursors', () => {
  const id = '01a1fe71-1a18-7552-ac73-6960c1ceffee';

  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor({ value: '2026-01-01T00:00:00.000Z', id }))).toEqual({ value: '2026-01-01T00:00:00.000Z', id });
    expect(decodeCursor(encodeCursor({ value: 42, id }))).toEqual({ value: 42, id });
  });

  it.each(['garbage', Buffer.from('[1,"not-a-uuid"]').toString('base64url'), Buffer.from('{"x":1}').toString('base64url')])(
    'refuses a forged cursor %s with a 400',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(BadRequestException);
    },
  );
});

describe('parseSort', () => {
  const allowed = ['created_at', 'name'] as const;
  const fallback = { field: 'created_at' as const, direction: 'desc' as const };

  it('accepts allowed fields with a direction', () => {
    expect(parseSort('name:asc', allowed, fallback)).toEqual({ field: 'name', direction: 'asc' });
    expect(parseSort('name', allowed, fallback)).toEqual({ field: 'name', direction: 'asc' });
    expect(parseSort(undefined, allowed, fallback)).toEqual(fallback);
  });

  it('refuses unindexed fields and bad directions', () => {
    expect(() => parseSort('password_hash:asc', allowed, fallback)).toThrow(/sort must be one of/);
    expect(() => parseSort('name:sideways', allowed, fallback)).toThrow(BadRequestException);
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3].map((n) => ({ n, id: `00000000-0000-7000-8000-00000000000${n}` }));
  const position = (r: { n: number; id: string }) => ({ value: r.n, id: r.id });

  it('keeps `limit` rows and points the cursor at the last kept row when there is more', () => {
    const page = toPage(rows, 2, position, (r) => r.n);
    expect(page.data).toEqual([1, 2]);
    expect(decodeCursor(page.next_cursor as string)).toEqual({ value: 2, id: rows[1].id });
  });

  it('ends with a null cursor', () => {
    expect(toPage(rows, 3, position, (r) => r.n)).toEqual({ data: [1, 2, 3], next_cursor: null });
    expect(toPage([], 3, position, (r) => r)).toEqual({ data: [], next_cursor: null });
  });
});
