// 2. Single-entry ingestion: POST /time-entries under concurrency (autocannon, a fresh body and
// external_id per request, round-robin over the api replicas) against the write limit
// (limits/write-limit.ts: a bare node-postgres client writing the entry, its audit row and its
// event in one transaction) at the same concurrency, in the same run. Then both at a fixed
// arrival rate, half the limit's closed-loop rate (open loop), so queueing shows in p99.
// Then the POST and the limit at shares of the POST's own closed-loop rate (SWEEP_SHARES), short runs
// each: latency against offered load, drawn in the results chart. GET /users/me (JWT check + one
// user lookup) is measured too, for the note. Every 2xx must be a stored row.
import autocannon = require('autocannon');
import http from 'node:http';
import { openLoop, OpenLoopRun, Outcome } from '../limits/open-loop';
import { cpuDuring } from '../limits/process-cpu';
import { p, WRITE_LIMIT_APPLICATION, WriteLimit, WriteLimitRun } from '../limits/write-limit';
import { waitForDrain } from '../outbox-drain';
import { BenchContext, OfferedLoad, ResultRow, round, Scenario } from '../scenario';
import { AgentEntry, dealsOf, entryFactory, usersOf } from './entries';

async function load(ctx: BenchContext, request: autocannon.RequestSpec): Promise<autocannon.Result> {
  return autocannon({
    url: ctx.stack.urls,
    connections: ctx.scale.loadConnections,
    duration: ctx.scale.loadSeconds,
    headers: ctx.api.headers,
    requests: [request],
  });
}

/** One POST /time-entries over a keep-alive agent (the open loop's requests); true on 201. */
function poster(ctx: BenchContext): (entry: AgentEntry) => Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  let next = 0;
  return (entry) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(entry);
      const req = http.request(`${ctx.stack.urls[next++ % ctx.stack.urls.length]}/api/v1/time-entries`, { method: 'POST', agent, headers: { ...ctx.api.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 503 ? 'refused' : res.statusCode === 201));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

async function storedWith(ctx: BenchContext, prefix: string): Promise<number> {
  const { rows } = await ctx.pool.query<{ n: string }>(`SELECT count(*) n FROM time_entries WHERE organization_id = $1 AND external_id LIKE $2`, [ctx.seed.organizationId, `${prefix}%`]);
  return Number(rows[0].n);
}

/** Requests still in flight when the clock stops commit a moment later: waits until the count holds still. */
async function settledCount(ctx: BenchContext, prefix: string): Promise<number> {
  let settled = await storedWith(ctx, prefix);
  for (let previous = -1; settled !== previous; ) {
    previous = settled;
    await new Promise((r) => setTimeout(r, 500));
    settled = await storedWith(ctx, prefix);
  }
  return settled;
}

/** CPU milliseconds per transaction of each watched process, e.g. `api 3.1, postgres 1.2`. */
const cpuNote = (cpu: Record<string, number>, count: number) =>
  Object.entries(cpu)
    .map(([label, seconds]) => `${label} ${count ? round((seconds * 1000) / count, 2) : 'n/a'}`)
    .join(', ');

const prefixOf = (e: AgentEntry) => e.external_id.replace(/-\d+$/, '-');

/** The shares of the POST's closed-loop rate it is also driven at (latency against offered load), and each point's seconds at most. */
export const SWEEP_SHARES = [0.25, 0.5, 0.75, 0.9] as const;
const SWEEP_SECONDS = 10;

interface OpenLoopPair {
  bare: OpenLoopRun;
  post: OpenLoopRun;
}

function pointNote(rate: number, { post, bare }: OpenLoopPair): string {
  const refused = post.refused ? `, ${post.refused} refused with 503 (HTTP_MAX_IN_FLIGHT; percentiles of the others)` : '';
  return `${rate} req/s offered; POST: ${post.ok} of ${post.sent} created${refused}, ${round(post.achieved, 0)}/s answered; limit: ${bare.ok} of ${bare.sent}, ${round(bare.achieved, 0)}/s`;
}

function offeredLoad(rate: number, share: number, of: OfferedLoad['of'], { post, bare }: OpenLoopPair): OfferedLoad {
  return { rate, share, of, achieved: round(post.achieved, 1), baselineAchieved: round(bare.achieved, 1), p50: p(post.latencies, 50), baselineP50: p(bare.latencies, 50) };
}

export const ingestSingle: Scenario = {
  id: 'ingest-single',
  title: 'Single-entry ingestion',
  async run(ctx) {
    const deals = await dealsOf(ctx);
    const users = await usersOf(ctx);
    const accountOf = new Map(deals.map((d) => [d.id, d.account_id]));
    const make = entryFactory(ctx, deals, users, 'single');
    const probe = make();
    await ctx.api.ok('POST', '/api/v1/time-entries', probe);
    const me = await ctx.api.ok<{ id: string }>('GET', '/api/v1/users/me');
    const connections = ctx.scale.loadConnections;
    const seconds = ctx.scale.loadSeconds;
    const limit = new WriteLimit(ctx, accountOf, connections, me.body.id);
    try {
      // Each measurement on a quiet stack: the worker's events of the one before processed first.
      const limitMake = entryFactory(ctx, deals, users, 'limit');
      await limit.write(limitMake()); // warm-up: connections, the prepared statement
      const bareCpu = await cpuDuring(ctx.pool, { pids: { client: [process.pid] }, backends: { postgres: WRITE_LIMIT_APPLICATION } }, () => limit.closedLoop(limitMake, seconds));
      const bare: WriteLimitRun = bareCpu.value;
      const limitRate = bare.committed / bare.seconds;
      await waitForDrain(ctx, 10 * 60_000);

      const noop = await load(ctx, { method: 'GET', path: '/api/v1/users/me' });
      const postCpu = await cpuDuring(ctx.pool, { pids: { api: ctx.stack.apis.map((a) => a.child.pid as number), worker: ctx.stack.workers.map((w) => w.child.pid as number), loader: [process.pid] }, backends: { postgres: 'clockwork-api', 'worker postgres': 'clockwork-worker' } }, () =>
        load(ctx, { method: 'POST', path: '/api/v1/time-entries', setupRequest: (req) => ({ ...req, body: JSON.stringify(make()) }) }),
      );
      const post = postCpu.value;
      const stored = (await settledCount(ctx, prefixOf(probe))) - 1; // the probe
      const drain = await waitForDrain(ctx, 10 * 60_000);

      // Open loop: both sides at the same fixed arrival rate, the limit first, each on a quiet stack.
      const postOne = poster(ctx);
      const pointAt = async (rate: number, pointSeconds: number, tag: string): Promise<OpenLoopPair> => {
        const bareMake = entryFactory(ctx, deals, users, `limit-${tag}`);
        const bareRun = await openLoop(rate, pointSeconds, () => limit.write(bareMake()));
        await waitForDrain(ctx, 10 * 60_000);
        const postMake = entryFactory(ctx, deals, users, `single-${tag}`);
        const postRun = await openLoop(rate, pointSeconds, () => postOne(postMake()));
        await waitForDrain(ctx, 10 * 60_000); // later measurements see a quiet stack
        return { bare: bareRun, post: postRun };
      };
      const rate = Math.max(1, Math.round(limitRate / 2));
      const half = await pointAt(rate, seconds, 'open');
      const bareOpen = half.bare;
      const postOpen = half.post;
      // Latency against offered load: shares of the POST's own closed-loop rate, short runs each.
      const postRate = post.requests.average;
      const sweepSeconds = Math.min(seconds, SWEEP_SECONDS);
      const sweep: Array<{ share: number; pair: OpenLoopPair }> = [];
      for (const share of SWEEP_SHARES) sweep.push({ share, pair: await pointAt(Math.max(1, Math.round(postRate * share)), sweepSeconds, `sweep${share}`) });

      // Requests still in flight when the clock stops are stored without being counted (at most one per connection).
      const clean = post.non2xx === 0 && post.errors === 0 && stored >= post['2xx'] && stored - post['2xx'] <= connections && postOpen.failed === 0 && sweep.every((s) => s.pair.post.failed === 0);
      const stats = (r: autocannon.Result) => `${r['2xx']} ok, ${r.non2xx} non-2xx, ${r.errors} errors`;
      const base = { scenario: 'ingest-single' as const, baselineLabel: `write limit: bare pg, entry + audit + event in one transaction, ${connections} connections` };
      const rateRow: ResultRow = {
        ...base,
        metric: `POST /time-entries, ${connections} connections, ${seconds} s (closed loop)`,
        unit: 'tx/s',
        measured: round(post.requests.average, 0),
        baseline: round(limitRate, 0),
        ratio: round(post.requests.average / limitRate, 3),
        targets: [{ kind: 'min', value: 0.5, of: 'ratio' }],
        pass: clean ? null : false,
        note: `POST: ${stats(post)}, ${stored} stored; GET /users/me at the same concurrency: ${round(noop.requests.average, 0)} req/s (p99 ${noop.latency.p99} ms); ${ctx.seed.rows.time_entries.toLocaleString('en-US')} entries stored before the run; their events processed ${round(drain.seconds, 1)} s after the load stopped; CPU ms per tx: ${cpuNote(postCpu.cpu, post['2xx'])} (the limit: ${cpuNote(bareCpu.cpu, bare.committed)})`,
      };
      const closed = (q: 'p50' | 'p99'): ResultRow => ({
        ...base,
        metric: `POST /time-entries latency ${q} (closed loop, ${connections} connections)`,
        unit: 'ms',
        measured: post.latency[q],
        baseline: p(bare.latencies, q === 'p50' ? 50 : 99),
        ratio: round(post.latency[q] / Math.max(p(bare.latencies, q === 'p50' ? 50 : 99), 0.01), 2),
        targets: [],
        pass: null,
      });
      const open = (q: 50 | 99, max?: number): ResultRow => ({
        ...base,
        baselineLabel: `write limit at the same rate`,
        // the offered rate is in the note: the row keeps its name whatever the run's limit was (`--compare`)
        metric: `POST /time-entries latency p${q} at half the limit's rate (open loop, ${seconds} s)`,
        unit: 'ms',
        measured: p(postOpen.latencies, q),
        baseline: p(bareOpen.latencies, q),
        ratio: round(p(postOpen.latencies, q) / Math.max(p(bareOpen.latencies, q), 0.01), 2),
        targets: max === undefined ? [] : [{ kind: 'max', value: max, of: 'measured' }],
        // Refusing part of the offered rate is not serving it: the target is not met, whatever the others' latency.
        pass: max !== undefined && postOpen.refused > 0 ? false : null,
        note: pointNote(rate, half),
        offered: offeredLoad(rate, 0.5, 'limit rate', half),
      });
      const swept = ({ share, pair }: { share: number; pair: OpenLoopPair }): ResultRow => {
        const offered = offeredLoad(Math.max(1, Math.round(postRate * share)), share, 'closed-loop rate', pair);
        return {
          ...base,
          baselineLabel: `write limit at the same rate`,
          metric: `POST /time-entries latency p99 at ${share}× its closed-loop rate (open loop, ${sweepSeconds} s)`,
          unit: 'ms',
          measured: p(pair.post.latencies, 99),
          baseline: p(pair.bare.latencies, 99),
          ratio: round(p(pair.post.latencies, 99) / Math.max(p(pair.bare.latencies, 99), 0.01), 2),
          targets: [],
          pass: null,
          note: `p50 ${offered.p50} ms (limit ${offered.baselineP50} ms); ${pointNote(offered.rate, pair)}`,
          offered,
        };
      };
      return [rateRow, closed('p50'), closed('p99'), open(50), open(99, 50), ...sweep.map(swept)];
    } finally {
      await limit.end();
    }
  },
};
