import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor, parseSort, rankedPage, toPage } from './cursor.util';

describe('keyset cursors', () => {
  const id = '01a1fe71-1a18-7552-ac73-6960c1ceffee';
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const ts = { cast: 'timestamptz' } as const;

  it('round-trips a position of each sort field type', () => {
    expect(decodeCursor(encodeCursor({ value: '2026-01-01T00:00:00.000Z', id }), ts)).toEqual({ value: '2026-01-01T00:00:00.000Z', id });
    expect(decodeCursor(encodeCursor({ value: 42, id }), { cast: 'numeric' })).toEqual({ value: 42, id });
    expect(decodeCursor(encodeCursor({ value: '1234.50', id }), { cast: 'numeric' })).toEqual({ value: '1234.50', id });
    expect(decodeCursor(encodeCursor({ value: 7, id }), { cast: 'integer' })).toEqual({ value: 7, id });
    expect(decodeCursor(encodeCursor({ value: '2024-02-29', id }), { cast: 'date' })).toEqual({ value: '2024-02-29', id });
    expect(decodeCursor(encodeCursor({ value: id, id }), { cast: 'uuid' })).toEqual({ value: id, id });
    expect(decodeCursor(encodeCursor({ value: 'Ünïcode name', id }), { cast: 'text' })).toEqual({ value: 'Ünïcode name', id });
    expect(decodeCursor(encodeCursor({ value: 'won', id }), { cast: 'text', values: ['open', 'won'] })).toEqual({ value: 'won', id });
    expect(decodeCursor(encodeCursor({ value: null, id }), { cast: 'text', nullable: true })).toEqual({ value: null, id });
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['an object', b64({ x: 1 })],
    ['a bare string', b64('2026-01-01T00:00:00.000Z')],
    ['one element', b64(['2026-01-01T00:00:00.000Z'])],
    ['three elements', b64(['2026-01-01T00:00:00.000Z', id, 'extra'])],
    ['an id that is not a uuid', b64(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])],
    ['an id of 36 dashes', b64(['2026-01-01T00:00:00.000Z', '-'.repeat(36)])],
    ['a numeric id', b64(['2026-01-01T00:00:00.000Z', 12])],
  ])('refuses a cursor that is %s with a 400 naming cursor', (_what, cursor) => {
    try {
      decodeCursor(cursor, ts);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(BadRequestException);
      expect((e as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'cursor' }] });
    }
  });

  it.each([
    ['timestamptz', 'not-a-date'],
    ['timestamptz', '2026-02-30T00:00:00.000Z'],
    ['timestamptz', '0000-01-01T00:00:00Z'],
    ['timestamptz', '2026-01-01T25:00:00Z'],
    ['timestamptz', '2026-01-01'],
    ['timestamptz', 1767225600000],
    ['timestamptz', '275760-09-13T00:00:00.000Z'],
    ['timestamptz', null],
    ['date', '2026-13-01'],
    ['date', '2025-02-29'],
    ['date', '2026-01-01T00:00:00Z'],
    ['numeric', 'abc'],
    ['numeric', '1e5'],
    ['numeric', 'NaN'],
    ['numeric', true],
    ['numeric', '9'.repeat(200)],
    ['integer', 1.5],
    ['integer', 2 ** 40],
    ['integer', '7'],
    ['uuid', 'not-a-uuid'],
    ['text', 5],
    ['text', 'nul\u0000byte'],
    ['text', ['array']],
    ['text', { object: true }],
  ] as const)('refuses a %s cursor whose value is %j', (cast, value) => {
    expect(() => decodeCursor(b64([value, id]), { cast })).toThrow(BadRequestException);
  });

  it('refuses an enum cursor with a value outside the enum', () => {
    expect(() => decodeCursor(b64(['lost-ish', id]), { cast: 'text', values: ['open', 'won'] })).toThrow(/not a valid value of the sort field/);
  });
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
    expect(decodeCursor(page.next_cursor as string, { cast: 'numeric' })).toEqual({ value: 2, id: rows[1].id });
  });

  it('ends with a null cursor', () => {
    expect(toPage(rows, 3, position, (r) => r.n)).toEqual({ data: [1, 2, 3], next_cursor: null });
    expect(toPage([], 3, position, (r) => r)).toEqual({ data: [], next_cursor: null });
  });
});

describe('rankedPage', () => {
  const uuid = (c: string) => `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a0${c}`;
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(uuid);
  const rows = [
    { id: b, score: 0.5 },
    { id: a, score: 0.9 },
    { id: c, score: 0.5 },
    { id: d, score: 0.1 },
  ];
  const ranking = { score: (r: { score: number }) => r.score, id: (r: { id: string }) => r.id, cast: 'numeric' as const };

  it('ranks highest score first, ties by id, and pages on with the cursor of the last row', () => {
    const first = rankedPage(rows, { limit: 2 }, ranking);
    expect(first.data.map((r) => r.id)).toEqual([a, b]);
    expect(decodeCursor(first.next_cursor as string, { cast: 'numeric' })).toEqual({ value: 0.5, id: b });
    const second = rankedPage(rows, { limit: 2, cursor: first.next_cursor as string }, ranking);
    expect(second).toEqual({ data: [{ id: c, score: 0.5 }, { id: d, score: 0.1 }], next_cursor: null });
  });

  it('gives 50 rows by default and refuses a cursor whose score is not of the ranking’s type', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ id: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4${String(i).padStart(3, '0')}`, score: i }));
    expect(rankedPage(many, {}, { ...ranking, cast: 'integer' }).data).toHaveLength(50);
    expect(() => rankedPage(rows, { cursor: encodeCursor({ value: 'x', id: a }) }, ranking)).toThrow(BadRequestException);
  });
});
