import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The dev orchestrator's embedded PostgreSQL (tools/ is not an Nx project, hence the path): one implementation of starting a cluster, also as root.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ensurePostgres, Service } from '../../../../tools/dev/embedded-postgres';
import { DisposableRedis } from '../support/redis-server';
import { migrate } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { killWorker, spawnWorker } from '../support/worker-child';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Nothing a user did is lost when Redis, the worker or PostgreSQL goes away: each test fails if
 * a single event is not delivered (verified with the subscription's secret) afterwards.
 */
describe('webhook deliveries survive faults', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(() => receiver.close());

  /** Waits until every account id arrived as a verified account.created event. */
  const allDelivered = (secret: string, accountIds: string[], timeoutMs = 60_000) =>
    waitFor(
      `all ${accountIds.length} events delivered`,
      async () => {
        const got = new Set(receiver.events(secret).map((e) => e.data.id));
        return accountIds.every((id) => got.has(id));
      },
      timeoutMs,
      200,
    );

  it('Redis stopped while records are created, then started: every event is delivered', async () => {
    const redis = await DisposableRedis.start();
    const stack = await WebhookStack.start({ REDIS_URL: redis.url });
    try {
      const sub = await stack.subscribe(receiver.url, ['account.created']);
      const before = await stack.createAccount('Before the outage');
      await allDelivered(sub.secret, [before]);

      await redis.down();
      const during: string[] = [];
      for (let i = 0; i < 8; i++) during.push(await stack.createAccount(`During the outage ${i}`));
      await sleep(1500);
      expect(receiver.events(sub.secret).map((e) => e.data.id)).toEqual([before]);

      await redis.up();
      await allDelivered(sub.secret, during);
      const deliveries = await stack.deliveries(sub.id, '?limit=50');
      expect(deliveries).toHaveLength(9);
      expect(deliveries.every((d) => d.state === 'succeeded')).toBe(true);
    } finally {
      await stack.close();
      await redis.down();
    }
  });

  it('the worker killed mid-delivery: the event is delivered after a new worker starts, with the same webhook-id', async () => {
    const stack = await WebhookStack.start({ WEBHOOK_TIMEOUT_MS: '3000' }, { worker: false });
    let child: ChildProcess | undefined;
    try {
      child = await spawnWorker(stack.env);
      receiver.answerWith((n) => (n === 1 ? 'hold' : { status: 200, body: 'thanks' }));
      const sub = await stack.subscribe(receiver.url, ['account.created']);
      const accountId = await stack.createAccount('Killed mid-delivery');
      await waitFor('the first attempt to arrive', async () => receiver.received.length === 1, 30_000);
      await killWorker(child);
      const [inFlight] = await stack.deliveries(sub.id);
      expect(inFlight).toMatchObject({ state: 'pending', attempts: 0 });

      await stack.startWorker();
      await allDelivered(sub.secret, [accountId], 40_000);
      const delivery = await waitFor('the delivery settled', async () => {
        const [first] = await stack.deliveries(sub.id);
        return first?.state === 'succeeded' && first;
      });
      if (!delivery) throw new Error('unreachable: waitFor returns a settled delivery');
      expect(receiver.received.length).toBeGreaterThanOrEqual(2);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery.message_id]));
      expect(receiver.received.every((r) => verifies(sub.secret, r))).toBe(true);
      // The killed attempt never answered, so only the successful one is logged.
      expect(delivery.attempt_log.at(-1)).toMatchObject({ status_code: 200, succeeded: true });
    } finally {
      if (child) await killWorker(child);
      await stack.close();
    }
  });

  it('PostgreSQL restarted while the worker runs: it recovers and delivers every event', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-webhook-pg-'));
    let pg: Service | undefined = await ensurePostgres({ dataDir, url: '' });
    let stack: WebhookStack | undefined;
    try {
      await migrate(pg.url);
      stack = await WebhookStack.start({}, { database: { name: 'clockwork', url: pg.url } });
      const sub = await stack.subscribe(receiver.url, ['account.created']);
      const ids = [await stack.createAccount('Before the restart')];
      await allDelivered(sub.secret, ids);

      for (let i = 0; i < 4; i++) ids.push(await stack.createAccount(`Just before the restart ${i}`));
      await pg.stop();
      pg = undefined;
      await sleep(3000);
      pg = await ensurePostgres({ dataDir, url: '' });
      expect(pg.url).toBe(stack.env.DATABASE_URL);

      // The api's pool may hand out a connection the restart closed: a client would retry.
      const live = stack;
      for (let i = 0; i < 4; i++) {
        ids.push(await waitFor('the api to write again', () => live.createAccount(`After the restart ${i}`).catch(() => '')));
      }
      // Alone this takes about 20 s; in CI beside another test file it once took over 60 s.
      await allDelivered(sub.secret, ids, 150_000);
      // The receiver has every event; each delivery's state is committed just after its answer.
      const done = stack;
      const deliveries = await waitFor('every delivery recorded as succeeded', async () => {
        const all = await done.deliveries(sub.id, '?limit=50');
        return all.length === ids.length && all.every((d) => d.state === 'succeeded') ? all : null;
      });
      expect(deliveries).toHaveLength(ids.length);
    } finally {
      await stack?.close({ keepDatabase: true });
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
