import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppProcess, startApiProcess, startAppProcess } from '../support/app-process';
import { signup, SignedUp } from '../support/org-fixture';
import { PgBouncer } from '../support/pgbouncer.support';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { FAST_WEBHOOKS } from '../support/webhook-stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { INestApplication } from '@nestjs/common';

/** Concurrent writers, requests they send in all, and acknowledged writes before the kill. */
const WRITERS = 4;
const REQUESTS = 80;
const KILL_AFTER = 15;
/** Writes the surviving api must acknowledge after the kill. */
const AFTER_KILL = 10;

/**
 * Two api and two worker processes through one PgBouncer (transaction mode) under a stream of
 * account creations; one api and one worker are killed with SIGKILL mid-load. Every write the
 * client saw acknowledged is stored once, every stored account has one account.created event,
 * one delivery row and reaches the receiver under one webhook-id.
 */
describe('several nodes through PgBouncer: one api and one worker killed under load', () => {
  let bouncer: PgBouncer;
  let database: { name: string; url: string };
  const apis: (AppProcess & { url: string })[] = [];
  const workers: AppProcess[] = [];
  let receiver: WebhookReceiver;
  let direct: Client;
  let admin: SignedUp;

  beforeAll(async () => {
    [bouncer, database, receiver] = await Promise.all([PgBouncer.start({ poolSize: 8 }), createMigratedDatabase('ck_pooler_faults'), WebhookReceiver.start()]);
    direct = new Client({ connectionString: database.url });
    await direct.connect();
    const env = {
      ...FAST_WEBHOOKS,
      DATABASE_URL: bouncer.url(database.name),
      DATABASE_DIRECT_URL: database.url,
      // PgBouncer 1.18 in transaction mode keeps no named prepared statement across transactions.
      DATABASE_PREPARED_STATEMENTS: 'false',
      DATABASE_POOL_SIZE: '5',
      QUEUE_PREFIX: `ck-pooler-faults-${randomBytes(4).toString('hex')}`,
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      SENTRY_DSN: '',
    };
    // One after the other: four processes compiling at once on two shared cores outlast the
    // api's 90 s health wait. Each is kept as it starts, so that afterAll stops it whatever fails.
    workers.push(startAppProcess('worker', env));
    for (let i = 0; i < 2; i++) apis.push(await startApiProcess(env));
    workers.push(startAppProcess('worker', env));
    admin = await signup({ getHttpServer: () => apis[1].url } as unknown as INestApplication, 'Faults Org');
    const sub = await fetch(`${apis[1].url}/api/v1/webhooks/subscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ url: receiver.url, events: ['account.created'] }),
    });
    expect(sub.status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apis.map((a) => a.stop()), ...workers.map((w) => w.stop()), receiver?.close()]);
    await direct?.end();
    await bouncer?.stop();
    if (database) await dropDatabase(database.name);
  });

  it('stores every acknowledged write once and delivers every event once', async () => {
    const prefix = `Load ${randomBytes(3).toString('hex')}`;
    const acknowledged: string[] = [];
    let acknowledgedAfterKill = 0;
    let refused = 0;
    // What the surviving api answered other than 201 after the kill, for the failure message.
    const survivorFailures: string[] = [];
    let killed = false;
    let n = 0;
    const kill = () => {
      if (killed) return;
      killed = true;
      apis[0].child.kill('SIGKILL');
      workers[0].child.kill('SIGKILL');
    };
    const create = async (which: number, i: number) => {
      const wasKilled = killed;
      try {
        const res = await fetch(`${apis[which].url}/api/v1/accounts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin.accessToken}` },
          body: JSON.stringify({ name: `${prefix} ${i}` }),
        });
        if (res.status === 201) {
          acknowledged.push(((await res.json()) as { id: string }).id);
          if (wasKilled) acknowledgedAfterKill++;
          return;
        }
        refused++;
        if (wasKilled && which === 1) survivorFailures.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
      } catch (e) {
        refused++;
        if (wasKilled && which === 1) survivorFailures.push(`${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}`.slice(0, 200));
      }
    };
    const writer = async (w: number) => {
      while (n < REQUESTS) {
        const i = n++;
        // Round robin over both apis; after the kill the dead one refuses connections (not acknowledged).
        await create((w + i) % 2, i);
        // Mid-load: the other writers have requests in flight on both apis when this one kills.
        if (acknowledged.length >= KILL_AFTER) kill();
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    expect(killed).toBe(true);
    // The survivor goes on taking writes: requests to the dead api fail at once, so the round
    // robin can run out while the survivor is still busy; it is then written to alone until it has
    // acknowledged AFTER_KILL writes since the kill (or the deadline passes).
    const deadline = Date.now() + 60_000;
    while (acknowledgedAfterKill < AFTER_KILL && Date.now() < deadline) await create(1, n++);
    // Short of that, the survivor's answers are the failure message.
    expect(acknowledgedAfterKill >= AFTER_KILL ? [] : survivorFailures.slice(0, 10)).toEqual([]);
    expect(acknowledgedAfterKill).toBeGreaterThanOrEqual(AFTER_KILL);

    // Every acknowledged write is stored, once (ids are unique; names are unique per request).
    const stored = (await direct.query(`SELECT id, name FROM accounts WHERE organization_id = $1 AND name LIKE $2`, [admin.organizationId, `${prefix} %`])).rows as { id: string; name: string }[];
    const storedIds = new Set(stored.map((r) => r.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(new Set(stored.map((r) => r.name)).size).toBe(stored.length);

    // One event per stored account, all processed by the surviving worker.
    await waitFor('every account.created event processed', async () =>
      Number((await direct.query(`SELECT count(*) AS n FROM outbox_events WHERE organization_id = $1 AND type = 'account.created' AND aggregate_id = ANY($2) AND processed_at IS NOT NULL`, [admin.organizationId, [...storedIds]])).rows[0].n) === stored.length,
      90_000, 200);
    const events = (await direct.query(`SELECT aggregate_id, count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND type = 'account.created' AND aggregate_id = ANY($2) GROUP BY aggregate_id`, [admin.organizationId, [...storedIds]])).rows as { n: number }[];
    expect(events).toHaveLength(stored.length);
    expect(events.every((e) => e.n === 1)).toBe(true);

    // One delivery per event, every one succeeded at the receiver, under one webhook-id per account.
    await waitFor('every delivery to succeed', async () =>
      Number((await direct.query(`SELECT count(*) AS n FROM webhook_deliveries WHERE organization_id = $1 AND event_type = 'account.created' AND state = 'succeeded'`, [admin.organizationId])).rows[0].n) >= stored.length,
      90_000, 200);
    const deliveries = (await direct.query(`SELECT event_id, count(*)::int AS n FROM webhook_deliveries WHERE organization_id = $1 AND event_type = 'account.created' GROUP BY event_id`, [admin.organizationId])).rows as { n: number }[];
    expect(deliveries).toHaveLength(stored.length);
    expect(deliveries.every((d) => d.n === 1)).toBe(true);
    const messageIdsByAccount = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const body = JSON.parse(r.body) as { type: string; data: { id?: string } };
      if (body.type !== 'account.created' || !body.data.id || !storedIds.has(body.data.id)) continue;
      const ids = messageIdsByAccount.get(body.data.id) ?? new Set<string>();
      ids.add(String(r.headers['webhook-id']));
      messageIdsByAccount.set(body.data.id, ids);
    }
    expect([...messageIdsByAccount.keys()].sort()).toEqual([...storedIds].sort());
    expect([...messageIdsByAccount.values()].every((ids) => ids.size === 1)).toBe(true);
    // What the load did, for the log of the run.
    const resent = receiver.received.length - messageIdsByAccount.size;
    console.log(`pooler faults: ${acknowledged.length} acknowledged (${acknowledgedAfterKill} after the kill, ${survivorFailures.length} refused by the survivor), ${stored.length} stored, ${refused} refused or cut, ${resent} re-sent webhook requests`);
  });
});
