import { lockWaiters, RowsQuery, waitForLockWaiters } from '@clockwork/testing-support';
import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { DataSource, QueryRunner } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp } from '../support/org-fixture';

const entry = (i: number, tag: string) => ({
  external_id: `turns-${tag}-${i}`,
  start_time: '2026-03-02T09:00:00Z',
  end_time: '2026-03-02T09:10:00Z',
  duration_seconds: 600,
  activity_type: 'manual',
  productivity_score: 0.5,
  source: 'manual',
});

/**
 * TIME_ENTRY_BATCH_CONCURRENCY: batches past the bound wait their turn (not refused) before their
 * bodies are read, then all of them are stored; a waiting caller that hangs up leaves the queue,
 * and the place it held under HTTP_MAX_IN_FLIGHT (3 here: the three batches of a test) is free at once.
 */
describe('time-entry batches take turns', () => {
  let app: INestApplication;
  let admin: SignedUp;
  let base: string;
  let lock: QueryRunner;

  beforeAll(async () => {
    app = await createApiApp({ TIME_ENTRY_BATCH_CONCURRENCY: '1', HTTP_MAX_IN_FLIGHT: '3' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    admin = await signup(app, 'Batch Turns Org');
  });
  afterAll(async () => {
    if (lock?.isTransactionActive) await lock.rollbackTransaction();
    await lock?.release();
    await app?.close();
  });

  const post = (tag: string, count: number, signal?: AbortSignal) =>
    fetch(`${base}/api/v1/time-entries/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entries: Array.from({ length: count }, (_, i) => entry(i, tag)) }),
      signal,
    });

  const me = () => fetch(`${base}/api/v1/users/me`, { headers: { Authorization: `Bearer ${admin.accessToken}` } });
  /** The app's pool, to count the writers waiting on the lock: lock requests on time_entries not granted. */
  const rows = (db: DataSource): RowsQuery => (sql, params) => db.query(sql, params);
  const stored = async (db: DataSource, tag: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND external_id LIKE $2`, [admin.organizationId, `turns-${tag}-%`]))[0].n);
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('lets one batch at a time reach the database, and stores every batch in the end', async () => {
    const db = app.get(DataSource);
    lock = db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE time_entries IN SHARE MODE');

    const sent = ['a', 'b', 'c'].map((tag) => post(tag, 20));
    await waitForLockWaiters(rows(db), 'time_entries', 1);
    await settle();
    // Three batches sent, one in the database; the two others wait their turn in the api.
    expect(await lockWaiters(rows(db), 'time_entries')).toBe(1);

    await lock.commitTransaction();
    const answers = await Promise.all(sent);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const tag of ['a', 'b', 'c']) expect(await stored(db, tag)).toBe(20);
  });

  it('drops a waiting batch whose caller hung up, and serves the next one', async () => {
    const db = app.get(DataSource);
    lock = db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE time_entries IN SHARE MODE');

    const first = post('d', 5);
    await waitForLockWaiters(rows(db), 'time_entries', 1);
    const hangUp = new AbortController();
    const gone = post('e', 5, hangUp.signal).catch(() => null);
    const last = post('f', 5);
    await settle();
    // Three requests in the api, one in the database and two in line: a fourth is refused.
    expect((await me()).status).toBe(503);
    hangUp.abort();
    await gone;
    await settle();
    // The caller in line hung up: its place is free now, not after the 30 s grace of a started request.
    expect((await me()).status).toBe(200);

    await lock.commitTransaction();
    expect((await first).status).toBe(200);
    expect((await last).status).toBe(200);
    expect(await stored(db, 'd')).toBe(5);
    expect(await stored(db, 'e')).toBe(0);
    expect(await stored(db, 'f')).toBe(5);
  });
});
