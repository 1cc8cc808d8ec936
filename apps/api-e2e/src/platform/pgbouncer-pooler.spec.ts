import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { AppProcess, startApiProcess, startAppProcess } from '../support/app-process';
import { createAccount } from '../support/domains/accounts.domain';
import { startImport } from '../support/domains/imports.domain';
import { createIntegration, sendCrmEvent } from '../support/domains/integrations.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { PgBouncer } from '../support/pgbouncer.support';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { WebhookReceiver } from '../support/webhook-receiver';

/** The pooler's server connections: fewer than the apps' pools together, so it must multiplex. */
const POOL_SIZE = 6;

/**
 * The api and the worker, as deployed processes, with DATABASE_URL pointing at a real PgBouncer
 * in transaction pooling mode and DATABASE_DIRECT_URL at PostgreSQL: the flows that write, relay
 * events, hold advisory locks and listen for principal changes all work through it, and the
 * traffic really went through the pooler (its admin console and pg_stat_activity say so).
 */
describe('through PgBouncer in transaction pooling mode', () => {
  let bouncer: PgBouncer;
  let database: { name: string; url: string };
  let api: AppProcess & { url: string };
  let worker: AppProcess;
  let receiver: WebhookReceiver;
  let direct: Client;
  let admin: SignedUp;
  /** The api process as the shared fixtures address an app (supertest takes a URL). */
  let app: INestApplication;
  const http = () => request(api.url);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const count = async (sql: string, params: unknown[]) => Number((await direct.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    [bouncer, database, receiver] = await Promise.all([PgBouncer.start({ poolSize: POOL_SIZE }), createMigratedDatabase('ck_pooler'), WebhookReceiver.start()]);
    direct = new Client({ connectionString: database.url });
    await direct.connect();
    const env = {
      DATABASE_URL: bouncer.url(database.name),
      DATABASE_DIRECT_URL: database.url,
      // PgBouncer 1.18 in transaction mode keeps no named prepared statement across transactions.
      DATABASE_PREPARED_STATEMENTS: 'false',
      DATABASE_POOL_SIZE: '10',
      QUEUE_PREFIX: `ck-pooler-${randomBytes(4).toString('hex')}`,
      PRINCIPAL_CACHE_SECONDS: '300',
      OUTBOX_POLL_MS: '50',
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      SENTRY_DSN: '',
    };
    [api, worker] = await Promise.all([startApiProcess(env), Promise.resolve(startAppProcess('worker', env))]);
    app = { getHttpServer: () => api.url } as unknown as INestApplication;
    admin = await signup(app, 'Pooled Org');
  }, 180_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop(), receiver?.close()]);
    await direct?.end();
    await bouncer?.stop();
    if (database) await dropDatabase(database.name);
  });

  it('creates, updates and deletes accounts, contacts and deals, each with its audit row', async () => {
    const account = await createAccount(app, admin, { name: 'Pooled Account' });
    const contact = (await http().post('/api/v1/contacts').set(as(admin.accessToken)).send({ first_name: 'Ada', account_id: account }).expect(201)).body.id;
    const deal = (await http().post('/api/v1/deals').set(as(admin.accessToken)).send({ name: 'Pooled deal', account_id: account }).expect(201)).body.id;
    await http().patch(`/api/v1/accounts/${account}`).set(as(admin.accessToken)).set('If-Match', '"1"').send({ industry: 'Consulting' }).expect(200);
    expect((await http().get(`/api/v1/accounts/${account}`).set(as(admin.accessToken)).expect(200)).body).toMatchObject({ industry: 'Consulting', version: 2 });
    await http().patch(`/api/v1/deals/${deal}`).set(as(admin.accessToken)).send({ name: 'Pooled deal, renamed' }).expect(200);
    await http().delete(`/api/v1/contacts/${contact}`).set(as(admin.accessToken)).expect(204);
    await http().get(`/api/v1/contacts/${contact}`).set(as(admin.accessToken)).expect(404);
    const audit = (await direct.query(`SELECT object_id, action FROM audit_logs WHERE organization_id = $1 AND object_id = ANY($2) ORDER BY created_at, id`, [admin.organizationId, [account, contact, deal]])).rows;
    expect(audit).toEqual([
      { object_id: account, action: 'create' },
      { object_id: contact, action: 'create' },
      { object_id: deal, action: 'create' },
      { object_id: account, action: 'update' },
      { object_id: deal, action: 'update' },
      { object_id: contact, action: 'delete' },
    ]);
  });

  it('stores time entries, single and in a batch, once under a replayed Idempotency-Key, and the report adds them up', async () => {
    const deal = (await http().post('/api/v1/deals').set(as(admin.accessToken)).send({ name: 'Time deal' }).expect(201)).body.id;
    const single = timeEntryBody({ external_id: 'pooled-single', deal_id: deal, duration_seconds: 1800, end_time: '2026-03-02T09:30:00.000Z' });
    const first = await http().post('/api/v1/time-entries').set(as(admin.accessToken)).set('Idempotency-Key', 'pooled-1').send(single).expect(201);
    const replay = await http().post('/api/v1/time-entries').set(as(admin.accessToken)).set('Idempotency-Key', 'pooled-1').send(single).expect(201);
    expect(replay.body.id).toBe(first.body.id);

    const entries = Array.from({ length: 40 }, (_, i) => {
      const start = new Date(Date.UTC(2026, 2, 3 + (i % 10), 8 + Math.floor(i / 10)));
      const seconds = 600 + 60 * i;
      return timeEntryBody({ external_id: `pooled-batch-${i}`, deal_id: deal, start_time: start.toISOString(), end_time: new Date(start.getTime() + seconds * 1000).toISOString(), duration_seconds: seconds });
    });
    const batch = await http().post('/api/v1/time-entries/batch').set(as(admin.accessToken)).set('Idempotency-Key', 'pooled-batch').send({ entries }).expect(200);
    const again = await http().post('/api/v1/time-entries/batch').set(as(admin.accessToken)).set('Idempotency-Key', 'pooled-batch').send({ entries }).expect(200);
    expect(again.body).toEqual(batch.body);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(entries.map(() => 'created'));
    expect(await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND deal_id = $2`, [admin.organizationId, deal])).toBe(41);

    // The expected total from the bodies sent, not from the database.
    const expectedSeconds = 1800 + entries.reduce((sum, e) => sum + Number(e.duration_seconds), 0);
    const row = await waitFor('the report to count every entry', async () => {
      const res = await http().get('/api/v1/reports/time-per-deal').query({ deal_id: deal }).set(as(admin.accessToken)).expect(200);
      const found = res.body.rows.find((r: { deal_id: string }) => r.deal_id === deal);
      return found?.entries === 41 ? found : null;
    }, 20_000, 100);
    expect(row).toMatchObject({ entries: 41, seconds: expectedSeconds });
  });

  it('processes a signed inbound webhook once per webhook-id', async () => {
    const integration = await createIntegration(app, admin);
    const event = { type: 'time_entry.created', data: timeEntryBody({ external_id: 'pooled-webhook' }) };
    expect((await sendCrmEvent(app, integration.id, integration.signing_secret, event, { msgId: 'msg_pooled' }).expect(200)).body.status).toBe('processed');
    expect((await sendCrmEvent(app, integration.id, integration.signing_secret, event, { msgId: 'msg_pooled' }).expect(200)).body.status).toBe('duplicate');
    expect(await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND external_id = 'pooled-webhook'`, [admin.organizationId])).toBe(1);
  });

  it('relays events through the worker and delivers an outbound webhook once', async () => {
    await http().post('/api/v1/webhooks/subscriptions').set(as(admin.accessToken)).send({ url: receiver.url, events: ['account.created'] }).expect(201);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createAccount(app, admin, { name: `Hooked ${i}` }));
    const delivered = () => receiver.events().filter((e) => e.type === 'account.created' && ids.includes(String((e.data as { id?: string }).id)));
    await waitFor('five deliveries', async () => delivered().length >= 5, 30_000, 100);
    expect(delivered().map((e) => (e.data as { id: string }).id).sort()).toEqual([...ids].sort());
  });

  it('hears a role change written straight in PostgreSQL on its direct LISTEN connection', async () => {
    const manager = await userWithRole(app, admin.accessToken, 'manager');
    await http().get('/api/v1/users').set(as(manager.token)).expect(200); // cached for 300 s
    const listener = (await direct.query(`SELECT query, client_port FROM pg_stat_activity WHERE datname = $1 AND application_name = 'clockwork-change-feed'`, [database.name])).rows;
    expect(listener).toEqual([expect.objectContaining({ query: expect.stringMatching(/^LISTEN /) })]);
    const poolerPorts = (await bouncer.show('SERVERS')).map((s) => Number(s.local_port));
    expect(poolerPorts).not.toContain(listener[0].client_port);
    await direct.query(`UPDATE users SET role = 'support' WHERE organization_id = $1 AND id = $2`, [admin.organizationId, manager.id]);
    await waitFor('the api to refuse the former manager', async () => (await http().get('/api/v1/users').set(as(manager.token))).status === 403, 5000, 25);
  });

  it('imports a CSV in the worker (a transaction-scoped advisory lock per organization and kind)', async () => {
    const id = await startImport(app, admin, { kind: 'accounts', csv: ['Company,Domain', 'Imported One,one.test', 'Imported Two,two.test', 'Imported Three,three.test'].join('\n') });
    const done = await waitFor('the import to finish', async () => {
      const body = (await http().get(`/api/v1/imports/${id}`).set(as(admin.accessToken)).expect(200)).body;
      return body.status === 'completed' || body.status === 'failed' ? body : null;
    }, 30_000, 100);
    expect(done).toMatchObject({ status: 'completed', created_count: 3, error_count: 0 });
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE organization_id = $1 AND name LIKE 'Imported %'`, [admin.organizationId])).toBe(3);
  });

  it('takes the advisory locks per transaction: custom fields created at once, sample data loaded once, no lock left behind', async () => {
    const keys = ['tier', 'region', 'segment', 'size'];
    const created = await Promise.all(keys.map((key) => http().post('/api/v1/custom-fields').set(as(admin.accessToken)).send({ record_type: 'deal', key, label: key, type: 'text' })));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201, 201]);

    const empty = await signup(app, 'Pooled Demo Org');
    const loads = await Promise.all([0, 1].map(() => http().post('/api/v1/demo-data').set(as(empty.accessToken)).send({})));
    const statuses = loads.map((r) => (r.status === 200 ? r.body.status : r.status)).sort();
    // One load runs; the other waits out the first's lock (and finds it loaded) or is refused while it runs.
    expect(statuses.filter((s) => s === 'loaded')).toHaveLength(1);
    expect(statuses.every((s) => s === 'loaded' || s === 'already_loaded' || s === 409)).toBe(true);
    const loaded = loads.find((r) => r.body.status === 'loaded');
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE organization_id = $1`, [empty.organizationId])).toBe(loaded?.body.created.accounts);
    const advisory = await count(`SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1`, [database.name]);
    expect(advisory).toBe(0);
  });

  it('sent the apps\' traffic through the pooler, multiplexed over its server connections', async () => {
    const [stats] = (await bouncer.show('STATS')).filter((s) => s.database === database.name);
    expect(Number(stats.total_xact_count)).toBeGreaterThan(100);
    const servers = (await bouncer.show('SERVERS')).filter((s) => s.database === database.name);
    const clients = (await bouncer.show('CLIENTS')).filter((c) => c.database === database.name);
    expect(servers.length).toBeGreaterThan(0);
    expect(servers.length).toBeLessThanOrEqual(POOL_SIZE);
    expect(clients.length).toBeGreaterThan(servers.length);
    // Each backend the apps use is one of the pooler's server connections; only the listener is direct.
    const backends = (await direct.query(`SELECT application_name, client_port FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'clockwork-%'`, [database.name])).rows as { application_name: string; client_port: number }[];
    const poolerPorts = new Set(servers.map((s) => Number(s.local_port)));
    const directOnes = backends.filter((b) => !poolerPorts.has(b.client_port)).map((b) => b.application_name);
    expect(directOnes).toEqual(['clockwork-change-feed']);
    expect(`${api.output()}${worker.output()}`).not.toMatch(/prepared statement|current transaction is aborted/i);
  });
});
