import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppProcess, startApiProcess, startAppProcess } from '../support/app-process';
import { signup, SignedUp } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { FAST_WEBHOOKS, subscribeOverHttp } from '../support/webhook-stack';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Requests held in flight (blocked on a table lock) when the api gets SIGTERM. */
const HELD = 6;
/** How long the receiver takes to answer a delivery while the first worker drains. */
const SLOW_RECEIVER_MS = 2500;
const GRACE_SECONDS = 15;

type Exit = { code: number | null; signal: NodeJS.Signals | null; afterMs: number };

/** Sends SIGTERM and resolves when the process has exited, with how long that took. */
function terminate(app: AppProcess): Promise<Exit> {
  const sentAt = Date.now();
  const exited = new Promise<Exit>((resolve) => app.child.once('exit', (code, signal) => resolve({ code, signal, afterMs: Date.now() - sentAt })));
  app.child.kill('SIGTERM');
  return exited;
}

/**
 * SIGTERM under load (docs/configuration.md, SHUTDOWN_GRACE_SECONDS): the api stops accepting,
 * answers every request it had received (held in flight on a table lock), then exits 0; the
 * worker finishes the webhook deliveries under way (a slow receiver) and records them before it
 * exits 0; a second worker delivers the rest. Every acknowledged write is stored, no write is
 * stored unacknowledged, and every event reaches the receiver once, under one webhook-id.
 */
describe('graceful shutdown: SIGTERM drains the api and the worker', () => {
  let database: { name: string; url: string };
  let api: AppProcess & { url: string };
  const workers: AppProcess[] = [];
  let receiver: WebhookReceiver;
  let direct: Client;
  let admin: SignedUp;
  const prefix = `Drain ${randomBytes(3).toString('hex')}`;
  const acknowledged = new Set<string>();
  let env: Record<string, string>;
  const stored = async (): Promise<string[]> =>
    (await direct.query(`SELECT id FROM accounts WHERE organization_id = $1 AND name LIKE $2`, [admin.organizationId, `${prefix} %`])).rows.map((r: { id: string }) => r.id);
  const createAccount = (name: string) =>
    fetch(`${api.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ name }),
    });

  beforeAll(async () => {
    [database, receiver] = await Promise.all([createMigratedDatabase('ck_shutdown'), WebhookReceiver.start()]);
    direct = new Client({ connectionString: database.url });
    await direct.connect();
    env = {
      ...FAST_WEBHOOKS,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `ck-shutdown-${randomBytes(4).toString('hex')}`,
      WORKER_METRICS_PORT: '0',
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      LOG_LEVEL: 'info',
      SENTRY_DSN: '',
    };
    workers.push(startAppProcess('worker', env));
    api = await startApiProcess(env);
    admin = await signup({ getHttpServer: () => api.url } as unknown as INestApplication, 'Drain Org');
    expect(await subscribeOverHttp(api.url, admin.accessToken, receiver.url, ['account.created'])).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), ...workers.map((w) => w.stop()), receiver?.close()]);
    await direct?.end();
    if (database) await dropDatabase(database.name);
  });

  it('drains both under load: every acknowledged request answered, none cut, every event delivered once', async () => {
    receiver.answerWith(() => ({ status: 200, body: 'ok', delayMs: SLOW_RECEIVER_MS }));
    // A stream of account creations runs throughout, until the api stops listening.
    let streaming = true;
    let refused = 0;
    let n = 0;
    const stream = (async () => {
      while (streaming) {
        const res = await createAccount(`${prefix} s${n++}`).catch(() => null);
        if (res?.status === 201) acknowledged.add(((await res.json()) as { id: string }).id);
        else refused++;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    })();

    // 1. The worker gets SIGTERM while deliveries are under way at the slow receiver; events keep coming.
    await waitFor('deliveries under way at the slow receiver', async () => receiver.unanswered > 0, 30_000, 10);
    const workerExit = terminate(workers[0]);

    // 2. The api gets SIGTERM with requests held in flight: inserts into accounts wait for this lock.
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE accounts IN SHARE MODE');
    const held = Array.from({ length: HELD }, (_, i) => createAccount(`${prefix} h${i}`));
    await waitFor(
      'the held requests to wait on the lock',
      async () =>
        Number((await direct.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'clockwork-api' AND wait_event_type = 'Lock'`, [database.name])).rows[0].n) >= HELD,
      20_000,
      50,
    );
    const apiExit = terminate(api);
    // Draining: no longer listening, still alive while the held requests wait.
    await waitFor('the api to stop accepting', () => fetch(`${api.url}/api/v1/health`).then(() => false, () => true), 5_000, 50);
    streaming = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.child.exitCode).toBeNull();
    await locker.query('COMMIT');
    await locker.end();
    const responses = await Promise.all(held);
    expect(responses.map((r) => r.status)).toEqual(Array(HELD).fill(201));
    for (const r of responses) acknowledged.add(((await r.json()) as { id: string }).id);
    await stream;

    const [api0, worker0] = await Promise.all([apiExit, workerExit]);
    expect([api0.code, worker0.code]).toEqual([0, 0]);
    expect(Math.max(api0.afterMs, worker0.afterMs)).toBeLessThan(GRACE_SECONDS * 1000);
    const drained = Number(/HTTP drained: (\d+) in-flight requests finished, 0 cut/.exec(api.output())?.[1]);
    expect(drained).toBeGreaterThanOrEqual(HELD);
    // Every acknowledged write is stored, and nothing is stored that the client did not see acknowledged (no request cut).
    const accounts = await stored();
    expect(accounts.sort()).toEqual([...acknowledged].sort());

    // 3. The drained worker answered for what it sent: each request the receiver got is recorded as sent.
    expect(receiver.unanswered).toBe(0);
    const sentByFirst = receiver.received.map((r) => String(r.headers['webhook-id']));
    const recorded = new Set((await direct.query(`SELECT message_id FROM webhook_deliveries WHERE organization_id = $1 AND state = 'succeeded'`, [admin.organizationId])).rows.map((r: { message_id: string }) => r.message_id));
    expect(sentByFirst.filter((id) => !recorded.has(id))).toEqual([]);
    expect(sentByFirst.length).toBeGreaterThan(0);
    expect(sentByFirst.length).toBeLessThan(accounts.length);

    // 4. A second worker delivers what was left (outbox events and deliveries pending); every event arrives once.
    receiver.answerWith(() => ({ status: 200, body: 'ok' }));
    workers.push(startAppProcess('worker', env));
    await waitFor('every account.created delivered', async () => receiver.received.length >= accounts.length, 60_000, 100);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a doubled send would arrive by now
    const byAccount = new Map<string, string[]>();
    for (const r of receiver.received) {
      const body = JSON.parse(r.body) as { type: string; data: { id: string } };
      byAccount.set(body.data.id, [...(byAccount.get(body.data.id) ?? []), String(r.headers['webhook-id'])]);
    }
    expect([...byAccount.keys()].sort()).toEqual(accounts);
    expect([...byAccount.values()].filter((ids) => ids.length !== 1)).toEqual([]);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(receiver.received.length);
    const events = (await direct.query(`SELECT count(*)::int AS n, count(DISTINCT aggregate_id)::int AS d FROM outbox_events WHERE organization_id = $1 AND type = 'account.created'`, [admin.organizationId])).rows[0];
    expect(events).toEqual({ n: accounts.length, d: accounts.length });
    console.log(
      `graceful shutdown: ${acknowledged.size} writes acknowledged (${drained} in flight at SIGTERM), ${refused} refused after the api stopped listening; ` +
        `api exited ${api0.afterMs} ms and worker ${worker0.afterMs} ms after SIGTERM; ${sentByFirst.length} deliveries by the drained worker, ${accounts.length - sentByFirst.length} by the next`,
    );
  });
});
