import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decideIdempotency, IdempotencyStore, parseIdempotencyKey, requestFingerprint, StoredKey } from './idempotency.store';

const stored = (over: Partial<StoredKey> = {}): StoredKey => ({ id: 'k', request_hash: 'h', status: 'completed', response_status: 201, response_body: { id: 'x' }, expired: false, ...over });

describe('Idempotency-Key decisions', () => {
  it('replays a completed request with the same body', () => {
    expect(decideIdempotency(stored(), 'h')).toEqual({ kind: 'replay', status: 201, body: { id: 'x' } });
  });
  it('refuses another body, even while the first is in flight', () => {
    expect(decideIdempotency(stored(), 'other')).toEqual({ kind: 'mismatch' });
    expect(decideIdempotency(stored({ status: 'in_flight' }), 'other')).toEqual({ kind: 'mismatch' });
  });
  it('reports a request still in flight', () => {
    expect(decideIdempotency(stored({ status: 'in_flight' }), 'h')).toEqual({ kind: 'in_flight' });
  });
  it('forgets an expired key', () => {
    expect(decideIdempotency(stored({ expired: true }), 'other')).toEqual({ kind: 'expired' });
  });
  it('fingerprints bodies regardless of key order, per route', () => {
    expect(requestFingerprint('r', { a: 1, b: [{ c: 1, d: 2 }] })).toBe(requestFingerprint('r', { b: [{ d: 2, c: 1 }], a: 1 }));
    expect(requestFingerprint('r', { a: 1 })).not.toBe(requestFingerprint('r', { a: 2 }));
    expect(requestFingerprint('r', { a: 1 })).not.toBe(requestFingerprint('s', { a: 1 }));
  });
  it('accepts structured-field and bare keys, refuses empty or oversized ones', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5"')).toBe('8e03978e-40d5');
    expect(parseIdempotencyKey('abc')).toBe('abc');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(() => parseIdempotencyKey('""')).toThrow();
    expect(() => parseIdempotencyKey('x'.repeat(256))).toThrow();
  });
});

describe('IdempotencyStore', () => {
  const store = (rows: unknown[][]) => {
    const query = jest.fn<Promise<unknown[]>, [string, unknown[]?]>();
    rows.forEach((r) => query.mockResolvedValueOnce(r));
    query.mockResolvedValue([]);
    return { query, store: new IdempotencyStore({ query } as unknown as DataSource) };
  };

  it('runs the work once and stores its answer', async () => {
    const { query, store: s } = store([[{ id: 'new' }]]);
    const work = jest.fn().mockResolvedValue({ status: 201, body: { id: 'e' } });
    await expect(s.run('org', 'k', () => 'h', work)).resolves.toEqual({ status: 201, body: { id: 'e' } });
    expect(work).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[1][0]).toContain(`status = 'completed'`);
  });

  it('replays without running the work, and maps misuse to 422 / 409', async () => {
    const work = jest.fn();
    await expect(store([[], [stored()]]).store.run('org', 'k', () => 'h', work)).resolves.toEqual({ status: 201, body: { id: 'x' } });
    await expect(store([[], [stored()]]).store.run('org', 'k', () => 'other', work)).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(store([[], [stored({ status: 'in_flight' })]]).store.run('org', 'k', () => 'h', work)).rejects.toBeInstanceOf(ConflictException);
    expect(work).not.toHaveBeenCalled();
  });

  it('without a key runs the work without fingerprinting the request', async () => {
    const { query, store: s } = store([]);
    const fingerprint = jest.fn(() => 'h');
    await expect(s.run('org', undefined, fingerprint, () => Promise.resolve({ status: 200, body: {} }))).resolves.toEqual({ status: 200, body: {} });
    expect(fingerprint).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
  });

  it('releases the key when the work fails, so a retry can run', async () => {
    const { query, store: s } = store([[{ id: 'new' }]]);
    await expect(s.run('org', 'k', () => 'h', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(query.mock.calls[1][0]).toContain('DELETE FROM idempotency_keys');
  });
});
