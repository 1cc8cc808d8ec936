import { INestApplicationContext } from '@nestjs/common';
import { DomainEvent, DomainEventDispatcher, DomainEventHandlers, eventsOf, OutboxWriter } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import { v7 as uuid } from 'uuid';
import { DisposableRedis } from '../support/redis-server';
import { createMigratedDatabase, dropDatabase, testDataSource } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

/**
 * The outbox path end to end: a business write and its event commit together, the worker's
 * relay moves the event into Bull, and the events processor hands it to handlers exactly once,
 * even when Redis is down at the time of the write.
 */
describe('outbox -> Bull -> worker', () => {
  let redis: DisposableRedis;
  let worker: INestApplicationContext;
  let db: DataSource;
  let organizationId: string;
  let database: { name: string; url: string };
  const seen: DomainEvent[] = [];
  let writer: OutboxWriter;

  beforeAll(async () => {
    // A database of its own: a worker started by another test file must not relay these events.
    database = await createMigratedDatabase('ck_outbox');
    redis = await DisposableRedis.start();
    db = await testDataSource(database.url).initialize();
    organizationId = uuid();
    await db.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Outbox Org')`, [organizationId]);
    worker = await createWorkerApp({ DATABASE_URL: database.url, REDIS_URL: redis.url, OUTBOX_POLL_MS: '50', OUTBOX_REDISPATCH_SECONDS: '5' });
    writer = worker.get(OutboxWriter);
    worker.get(DomainEventHandlers).register(eventsOf('account'), async (event) => {
      seen.push(event);
    });
  });

  afterAll(async () => {
    await worker?.close();
    await db?.destroy();
    await redis?.down();
    if (database) await dropDatabase(database.name);
  });

  /** Creates an account and its account.created event in one transaction. */
  const createAccount = (name: string) =>
    db.transaction(async (m) => {
      const id = uuid();
      await m.query(`INSERT INTO accounts (organization_id, id, name) VALUES ($1, $2, $3)`, [organizationId, id, name]);
      const event = await writer.record(m, { organizationId, type: 'account.created', aggregateType: 'account', aggregateId: id, payload: { name } });
      return event.id;
    });

  const processed = async (ids: string[]) => {
    const rows = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND processed_at IS NOT NULL`, [ids]);
    return rows[0].n === ids.length;
  };
  const handledCount = (id: string) => seen.filter((e) => e.id === id).length;

  it('delivers every committed event to the handler exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => createAccount(`Account ${i}`)));
    await waitFor('40 events processed', () => processed(ids));
    for (const id of ids) expect(handledCount(id)).toBe(1);
    const first = seen.find((e) => e.id === ids[0]);
    expect(first).toMatchObject({ organizationId, type: 'account.created', aggregateType: 'account', payload: { name: 'Account 0' } });
  });

  it('never delivers the event of a rolled-back transaction', async () => {
    let eventId = '';
    await expect(
      db.transaction(async (m) => {
        const event = await writer.record(m, { organizationId, type: 'account.created', aggregateType: 'account', aggregateId: null, payload: {} });
        eventId = event.id;
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const control = await createAccount('Control');
    await waitFor('control event processed', () => processed([control]));
    expect(await db.query(`SELECT id FROM outbox_events WHERE id = $1`, [eventId])).toEqual([]);
    expect(handledCount(eventId)).toBe(0);
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(
      writer.record(db.manager, { organizationId, type: 'account.created', aggregateType: 'account', aggregateId: null, payload: {} }),
    ).rejects.toThrow(/inside a transaction/);
  });

  it('keeps an event written while Redis is down and delivers it once Redis is back', async () => {
    await redis.down();
    const id = await createAccount('Written during the outage');
    await new Promise((r) => setTimeout(r, 1500));
    const [pending] = await db.query(`SELECT dispatched_at, processed_at FROM outbox_events WHERE id = $1`, [id]);
    expect(pending).toEqual({ dispatched_at: null, processed_at: null });

    await redis.up();
    await waitFor('event processed after Redis returned', () => processed([id]), 40_000);
    expect(handledCount(id)).toBe(1);
  });

  it('processes a redelivered event only once', async () => {
    const id = await createAccount('Delivered twice');
    await waitFor('event processed', () => processed([id]));
    const dispatcher = worker.get(DomainEventDispatcher);
    const again = await Promise.all([dispatcher.dispatch(organizationId, id), dispatcher.dispatch(organizationId, id)]);
    expect(again).toEqual(['duplicate', 'duplicate']);
    expect(handledCount(id)).toBe(1);
  });
});
