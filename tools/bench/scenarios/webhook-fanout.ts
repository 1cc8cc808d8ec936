// 5. Webhook fan-out: S loopback subscriptions (POST /webhooks/subscriptions) and E `task.created`
// events written to the outbox the way OutboxWriter.recordMany writes them (sealed, INSERT ... SELECT FROM unnest);
// the worker relays, fans out and delivers. Measured: deliveries/s until the receiver holds every
// (subscription, webhook-id) pair, and how many never arrived. Baseline: the receiver's own
// ceiling (autocannon POSTs of the same size straight at it).
import autocannon = require('autocannon');
import { Env, FieldCipher, SEALED, SealedColumns } from '@clockwork/server-core';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { sleep } from '../../dev/free-port';
import { BenchContext, ResultRow, round, Scenario } from '../scenario';

interface Receiver {
  url: string;
  received: Set<string>;
  firstAt: number;
  lastAt: number;
  sample: Map<string, { body: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state = { received: new Set<string>(), firstAt: 0, lastAt: 0, sample: new Map() } as Omit<Receiver, 'url' | 'close'>;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = req.headers['webhook-id'];
      if (typeof id === 'string') {
        const key = `${req.url}|${id}`;
        if (!state.received.has(key)) {
          state.received.add(key);
          state.lastAt = performance.now();
          state.firstAt ||= state.lastAt;
        }
        if (!state.sample.has(req.url ?? '')) state.sample.set(req.url ?? '', { body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

async function writeEvents(ctx: BenchContext, count: number): Promise<void> {
  // The payloads are built in SQL, then sealed (encrypted, bound to each row) with the stack's
  // keys as OutboxWriter does, and inserted with one statement: the table refuses plain payloads.
  const { rows } = await ctx.pool.query<{ id: string; aggregate_id: string; payload: string }>(
    `WITH t AS (SELECT *, row_number() OVER (ORDER BY id) - 1 AS n FROM tasks WHERE organization_id = $1),
          c AS (SELECT count(*) AS total FROM t)
     SELECT gen_random_uuid() AS id, t.id AS aggregate_id,
            jsonb_build_object('id', t.id, 'deal_id', t.deal_id, 'title', t.title, 'status', t.status, 'priority', t.priority,
                               'assigned_to', t.assigned_to, 'due_date', t.due_date, 'created_at', t.created_at, 'updated_at', t.updated_at)::text AS payload
       FROM generate_series(0, $2::int - 1) g CROSS JOIN c JOIN t ON t.n = g % c.total`,
    [ctx.seed.organizationId, count],
  );
  const env = Object.assign(new Env(), { ENCRYPTION_KEYS: ctx.stack.env.ENCRYPTION_KEYS as string });
  const sealed = new SealedColumns(new FieldCipher(env));
  const organizationId = ctx.seed.organizationId;
  for (let at = 0; at < rows.length; at += 10_000) {
    const chunk = rows.slice(at, at + 10_000);
    await ctx.pool.query(
      `INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload)
       SELECT $1, r.id, 'task.created', 'task', r.aggregate_id, r.payload FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS r(id, aggregate_id, payload)`,
      [organizationId, chunk.map((r) => r.id), chunk.map((r) => r.aggregate_id), chunk.map((r) => sealed.seal(SEALED.eventPayload, { organizationId, id: r.id }, r.payload))],
    );
  }
}

export const webhookFanout: Scenario = {
  id: 'webhook-fanout',
  title: 'Webhook fan-out',
  async run(ctx) {
    const receiver = await startReceiver();
    try {
      const { subscriptions: s, webhookEvents: e } = ctx.scale;
      const secrets = new Map<string, string>();
      for (let i = 0; i < s; i++) {
        const path = `/hooks/${i + 1}`;
        const res = await ctx.api.ok<{ secret: string }>('POST', '/api/v1/webhooks/subscriptions', { url: `${receiver.url}${path}`, events: ['task.created'] });
        secrets.set(path, res.body.secret);
      }
      const expected = s * e;
      const started = performance.now();
      await writeEvents(ctx, e);
      for (let seen = -1, stalledSince = performance.now(); receiver.received.size < expected; await sleep(100)) {
        if (receiver.received.size !== seen) [seen, stalledSince] = [receiver.received.size, performance.now()];
        if (performance.now() - stalledSince > 30_000) break;
      }
      const elapsed = ((receiver.lastAt || performance.now()) - started) / 1000;
      const got = receiver.received.size;
      const rate = got / elapsed;
      const badSignatures = [...receiver.sample].filter(([path, m]) => {
        try {
          new Webhook(secrets.get(path) ?? '').verify(m.body, m.headers as Record<string, string>);
          return false;
        } catch {
          return true;
        }
      }).length;

      const retried = await ctx.pool
        .query<{ n: string }>(`SELECT count(*) n FROM webhook_deliveries WHERE organization_id = $1 AND attempts > 1`, [ctx.seed.organizationId])
        .then((r) => r.rows[0].n, () => '?');
      const firstAfter = receiver.firstAt ? round((receiver.firstAt - started) / 1000, 2) : null;
      const body = receiver.sample.values().next().value?.body ?? '{}';
      const ceiling = await autocannon({ url: `${receiver.url}/ceiling`, connections: 16, duration: Math.min(5, ctx.scale.loadSeconds), method: 'POST', body });
      const lost = expected - got;
      const row: ResultRow = {
        scenario: 'webhook-fanout',
        metric: `deliveries/s, ${e.toLocaleString('en-US')} events × ${s} subscriptions`,
        unit: 'deliveries/s',
        measured: round(rate, 0),
        baseline: round(ceiling.requests.average, 0),
        baselineLabel: 'loopback receiver ceiling (autocannon)',
        ratio: round(rate / ceiling.requests.average, 3),
        targets: [{ kind: 'min', value: 2000, of: 'measured' }],
        pass: lost === 0 && badSignatures === 0 ? null : false,
        note: `${got.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} received in ${round(elapsed, 1)} s (first after ${firstAfter} s), ${lost} lost, ${retried} retried; signatures ${badSignatures ? `INVALID on ${badSignatures}` : 'verified'} (standardwebhooks)`,
      };
      return [row];
    } finally {
      await receiver.close();
    }
  },
};
