import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { DomainEventDispatcher, DomainEventHandlers, eventsOf as eventTypesOf, OutboxWriter } from '@clockwork/server-core';
import { DomainEventBatchJob, DomainEventJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { v7 as uuid } from 'uuid';
import { DisposableRedis } from '../support/redis-server';
import { createMigratedDatabase, dropDatabase, testDataSource } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

/**
 * Events relayed in batches (one job, one transaction per batch of an organization), on real
 * PostgreSQL and Redis: a poison event fails alone while the rest of its batch commits, and
 * every event's processed mark and its handler's writes commit together, exactly once.
 */
describe('outbox batches', () => {
  let redis: DisposableRedis;
  let worker: INestApplicationContext;
  let db: DataSource;
  let organizationId: string;
  let database: { name: string; url: string };
  let writer: OutboxWriter;
  /** Accounts whose event the handler refuses (a poison event). */
  const poisoned = new Set<string>();
  /** The events each handler call was given (including calls whose transaction rolled back). */
  const calls: string[][] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase('ck_outbox_batches');
    redis = await DisposableRedis.start();
    db = await testDataSource(database.url).initialize();
    organizationId = uuid();
    await db.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Batch Org')`, [organizationId]);
    worker = await createWorkerApp({ DATABASE_URL: database.url, REDIS_URL: redis.url, OUTBOX_POLL_MS: '50', OUTBOX_REDISPATCH_SECONDS: '600' });
    writer = worker.get(OutboxWriter);
    // The handler's write (in the events' transaction) marks each account once per commit.
    worker.get(DomainEventHandlers).registerBatch(eventTypesOf('account'), async (events, manager) => {
      calls.push(events.map((e) => e.id));
      const poison = events.find((e) => poisoned.has(e.aggregateId as string));
      if (poison) throw new Error(`poison event ${poison.id}`);
      await manager.query(`UPDATE accounts SET name = name || ' +handled' WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, events.map((e) => e.aggregateId)]);
    });
  });

  afterAll(async () => {
    await worker?.close();
    await db?.destroy();
    await redis?.down();
    if (database) await dropDatabase(database.name);
  });

  /** Accounts and their account.created events, written in one transaction (as bulk work does); returns the account ids. */
  const createAccounts = (ids: string[], prefix: string) =>
    db.transaction(async (m) => {
      await m.query(
        `INSERT INTO accounts (organization_id, id, name) SELECT $1, id, $3 || ' ' || n FROM unnest($2::uuid[]) WITH ORDINALITY AS a(id, n)`,
        [organizationId, ids, prefix],
      );
      await writer.recordMany(m, organizationId, ids.map((id) => ({ type: 'account.created', aggregateType: 'account', aggregateId: id, payload: {} })));
      return ids;
    });

  const eventsOf = async (accountIds: string[]): Promise<{ id: string; aggregate_id: string; processed: boolean }[]> =>
    db.query(`SELECT id, aggregate_id, processed_at IS NOT NULL AS processed FROM outbox_events WHERE organization_id = $1 AND aggregate_id = ANY($2::uuid[])`, [organizationId, accountIds]);

  /** How many times each account was handled (committed writes), by account id. */
  const handled = async (accountIds: string[]): Promise<Map<string, number>> => {
    const rows: { id: string; n: number }[] = await db.query(
      `SELECT id, (length(name) - length(replace(name, ' +handled', ''))) / length(' +handled') AS n FROM accounts WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, accountIds],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  };

  it('handles a batch in one call, fails a poison event alone and processes every other event exactly once; the poison event is retried in a job of its own', async () => {
    const accounts = Array.from({ length: 30 }, () => uuid());
    const poison = accounts[9];
    poisoned.add(poison);
    await createAccounts(accounts, 'Batch');
    const events = await eventsOf(accounts);
    const poisonEvent = events.find((e) => e.aggregate_id === poison)?.id as string;

    await waitFor('29 of 30 events processed', async () => (await eventsOf(accounts)).filter((e) => e.processed).length === 29, 30_000);
    const after = await eventsOf(accounts);
    expect(after.find((e) => e.id === poisonEvent)?.processed).toBe(false);
    const counts = await handled(accounts);
    for (const id of accounts) expect(counts.get(id)).toBe(id === poison ? 0 : 1);

    // The relay put all 30 in one job; its first run gave the handler all of them in one call.
    const eventIds = new Set(events.map((e) => e.id));
    expect(calls.some((c) => c.length === 30 && c.every((id) => eventIds.has(id)))).toBe(true);
    // The batch job is done; the poison event went on in a job of its own (job id = event id), which is retried with backoff.
    const queue = worker.get<Queue<DomainEventJob | DomainEventBatchJob>>(getQueueToken(QUEUES.domainEvents));
    const batch = await waitFor('the batch job completed', async () =>
      (await queue.getJobs(['completed'])).find((j) => 'eventIds' in j.data && j.data.eventIds.length === 30 && j.data.eventIds.every((id) => eventIds.has(id))),
    );
    expect(batch?.returnvalue).toEqual({ processed: 29, duplicate: 0, failed: [poisonEvent] });
    const alone = await waitFor('the poison event to fail in its own job', async () => {
      const j = await queue.getJob(poisonEvent);
      return j?.failedReason ? j : null;
    });
    expect(alone?.data).toEqual({ organizationId, eventId: poisonEvent });
    expect(alone?.failedReason).toContain(`poison event ${poisonEvent}`);

    // Once the handler accepts the event, a retry of its job processes it, once.
    poisoned.delete(poison);
    await waitFor('the poison event processed by a retry', async () => (await eventsOf([poison]))[0].processed, 30_000, 200);
    await waitFor('its job completed', async () => (await queue.getJob(poisonEvent))?.returnvalue === 'processed');
    const final = await handled(accounts);
    for (const id of accounts) expect(final.get(id)).toBe(1);
  });

  it('processes each event exactly once when overlapping batches are dispatched at the same time', async () => {
    const accounts = await createAccounts(Array.from({ length: 40 }, () => uuid()), 'Overlap');
    const ids = (await eventsOf(accounts)).map((e) => e.id);
    const dispatcher = worker.get(DomainEventDispatcher);
    // Three claimants besides the worker's own relay, in different orders, overlapping.
    const results = await Promise.all([
      dispatcher.dispatchBatch(organizationId, ids.slice(0, 30)),
      dispatcher.dispatchBatch(organizationId, ids.slice(10)),
      dispatcher.dispatchBatch(organizationId, [...ids].reverse()),
    ]);
    for (const r of results) expect(r.failed).toEqual([]);
    await waitFor('all 40 events processed', async () => (await eventsOf(accounts)).every((e) => e.processed));
    const counts = await handled(accounts);
    for (const id of accounts) expect(counts.get(id)).toBe(1);
    // A batch of events processed before is all duplicates, and changes nothing.
    expect(await dispatcher.dispatchBatch(organizationId, ids)).toEqual({ processed: 0, duplicate: 40, failed: [] });
    expect(await handled(accounts)).toEqual(counts);
  });
});
