// 2. Single-entry ingestion: POST /time-entries under concurrency (autocannon, a fresh body and
// external_id per request, round-robin over the api replicas) against GET /users/me, the
// cheapest authenticated route of the same app (JWT check + one user lookup): the framework
// ceiling. Every 2xx must be a stored row.
import autocannon = require('autocannon');
import { waitForDrain } from '../outbox-drain';
import { BenchContext, ResultRow, round, Scenario } from '../scenario';
import { dealsOf, entryFactory, usersOf } from './entries';

async function load(ctx: BenchContext, request: autocannon.RequestSpec): Promise<autocannon.Result> {
  return autocannon({
    url: ctx.stack.urls,
    connections: ctx.scale.loadConnections,
    duration: ctx.scale.loadSeconds,
    headers: ctx.api.headers,
    requests: [request],
  });
}

export const ingestSingle: Scenario = {
  id: 'ingest-single',
  title: 'Single-entry ingestion',
  async run(ctx) {
    const make = entryFactory(ctx, await dealsOf(ctx), await usersOf(ctx), 'single');
    const probe = make();
    await ctx.api.ok('POST', '/api/v1/time-entries', probe);
    await ctx.api.ok('GET', '/api/v1/users/me');
    const prefix = probe.external_id.replace(/-\d+$/, '-');

    const noop = await load(ctx, { method: 'GET', path: '/api/v1/users/me' });
    const post = await load(ctx, { method: 'POST', path: '/api/v1/time-entries', setupRequest: (req) => ({ ...req, body: JSON.stringify(make()) }) });
    // Requests still in flight when the clock stops commit a moment later: wait until the count
    // holds still, so later scenarios (reports compared with raw SQL) see a quiet database.
    const countStored = async () =>
      Number(
        (await ctx.pool.query<{ n: string }>(`SELECT count(*) n FROM time_entries WHERE organization_id = $1 AND external_id LIKE $2`, [ctx.seed.organizationId, `${prefix}%`])).rows[0].n,
      );
    let settled = await countStored();
    for (let previous = -1; settled !== previous; ) {
      previous = settled;
      await new Promise((r) => setTimeout(r, 500));
      settled = await countStored();
    }
    const stored = settled - 1; // the probe
    const drain = await waitForDrain(ctx, 10 * 60_000); // later scenarios measure a quiet stack
    // Requests still in flight when the clock stops are stored without being counted (at most one per connection).
    const clean = post.non2xx === 0 && post.errors === 0 && stored >= post['2xx'] && stored - post['2xx'] <= ctx.scale.loadConnections;
    const stats = (r: autocannon.Result) => `${r['2xx']} ok, ${r.non2xx} non-2xx, ${r.errors} errors`;
    const base = { scenario: 'ingest-single' as const, baselineLabel: 'GET /users/me (no-op route)' };
    const rateRow: ResultRow = {
      ...base,
      metric: `POST /time-entries, ${ctx.scale.loadConnections} connections, ${ctx.scale.loadSeconds} s`,
      unit: 'req/s',
      measured: round(post.requests.average, 0),
      baseline: round(noop.requests.average, 0),
      ratio: round(post.requests.average / noop.requests.average, 3),
      targets: [{ kind: 'min', value: 2000, of: 'measured' }],
      pass: clean ? null : false,
      note: `POST: ${stats(post)}, ${stored} stored; no-op: ${stats(noop)}; ${ctx.seed.rows.time_entries.toLocaleString('en-US')} entries stored before the run; their events processed ${round(drain.seconds, 1)} s after the load stopped`,
    };
    const latency = (p: 'p50' | 'p99', max?: number): ResultRow => ({
      ...base,
      metric: `POST /time-entries latency ${p}`,
      unit: 'ms',
      measured: post.latency[p],
      baseline: noop.latency[p],
      ratio: round(post.latency[p] / Math.max(noop.latency[p], 0.01), 2),
      targets: max === undefined ? [] : [{ kind: 'max', value: max, of: 'measured' }],
      pass: null,
    });
    return [rateRow, latency('p50'), latency('p99', 50)];
  },
};
