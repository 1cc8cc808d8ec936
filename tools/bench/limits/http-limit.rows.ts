// GET /users/me against the HTTP limit: closed-loop throughput (autocannon, same connections and
// duration, api and limit taken in turns, twice each) and the CPU each process spent per request
// over those runs, read from /proc: the api (or the limit server), its PostgreSQL backends, and
// the load generator (this process). Each side is warmed up first by an unmeasured run of the
// same length (JIT, pools, caches). The limit's answer must equal the api's.
// The same work served inside NestJS (on Express, the api's platform, and on Fastify) is measured
// the same way in the same turns: the framework's own floor, so the api's distance to the limit
// splits into what NestJS costs before any of the product's work and what the product adds.
import autocannon = require('autocannon');
import { isDeepStrictEqual } from 'node:util';
import { ApiClient } from '../api-client';
import { BenchContext, ResultRow, round } from '../scenario';
import { cpuDuring } from './process-cpu';
import type { LimitServer } from './http-limit.process';

const ROUTE = '/api/v1/users/me';
const ROUNDS = 2;

interface Side {
  label: string;
  requests: number;
  seconds: number;
  errors: number;
  p99: number[];
  cpu: Record<'app' | 'postgres' | 'loadgen', number>;
}

async function loadRun(ctx: BenchContext, urls: string[], pids: number[], backend: string, side: Side): Promise<void> {
  const { value: result, cpu } = await cpuDuring(ctx.pool, { pids: { app: pids, loadgen: [process.pid] }, backends: { postgres: backend } }, () =>
    autocannon({ url: urls, connections: ctx.scale.loadConnections, duration: ctx.scale.loadSeconds, headers: ctx.api.headers, requests: [{ method: 'GET', path: ROUTE }] }),
  );
  side.requests += result['2xx'];
  side.seconds += result.duration;
  side.errors += result.non2xx + result.errors;
  side.p99.push(result.latency.p99);
  for (const key of ['app', 'postgres', 'loadgen'] as const) side.cpu[key] += cpu[key];
}

const perRequestMs = (side: Side, key: keyof Side['cpu']) => (side.requests ? (side.cpu[key] * 1000) / side.requests : NaN);

const FRAMEWORK_LABELS: Record<string, string> = {
  'nest-express': "the limit's work in NestJS on Express (the api's platform), Nest's defaults",
  'nest-fastify': "the limit's work in NestJS on Fastify, Nest's defaults",
};

async function answerOf(ctx: BenchContext, url: string): Promise<unknown> {
  const client = new ApiClient([url]);
  client.token = ctx.api.token;
  return (await client.ok('GET', ROUTE)).body;
}

export async function usersMeRows(ctx: BenchContext, limit: LimitServer, floors: LimitServer[] = []): Promise<ResultRow[]> {
  const fromApi = (await ctx.api.ok('GET', ROUTE)).body;
  const same = isDeepStrictEqual(fromApi, await answerOf(ctx, limit.url));
  const floorsSame = await Promise.all(floors.map(async (f) => isDeepStrictEqual(fromApi, await answerOf(ctx, f.url))));

  const side = (label: string): Side => ({ label, requests: 0, seconds: 0, errors: 0, p99: [], cpu: { app: 0, postgres: 0, loadgen: 0 } });
  const api = side('api');
  const bare = side('limit');
  const floorSides = floors.map((f) => side(f.framework));
  await loadRun(ctx, ctx.stack.urls, [], 'clockwork-api', side('warm-up'));
  for (const server of [limit, ...floors]) await loadRun(ctx, [server.url], [], server.applicationName, side('warm-up'));
  for (let i = 0; i < ROUNDS; i++) {
    await loadRun(ctx, ctx.stack.urls, ctx.stack.apis.map((a) => a.child.pid), 'clockwork-api', api);
    await loadRun(ctx, [limit.url], [limit.child.pid], limit.applicationName, bare);
    for (const [j, f] of floors.entries()) await loadRun(ctx, [f.url], [f.child.pid], f.applicationName, floorSides[j]);
  }
  const rate = (s: Side) => s.requests / s.seconds;
  const cpuNote = (s: Side) =>
    `${s.label}: ${round(perRequestMs(s, 'app'), 3)} ms in its process, ${round(perRequestMs(s, 'postgres'), 3)} ms in PostgreSQL, ${round(perRequestMs(s, 'loadgen'), 3)} ms in the load generator per request`;
  const base = { scenario: 'lists' as const, baselineLabel: 'HTTP limit: bare node:http + pg' };
  const rows: ResultRow[] = [
    {
      ...base,
      metric: `GET /users/me closed loop, ${ctx.scale.loadConnections} connections, ${ROUNDS}x${ctx.scale.loadSeconds} s`,
      unit: 'req/s',
      measured: round(rate(api), 0),
      baseline: round(rate(bare), 0),
      ratio: round(rate(api) / rate(bare), 3),
      targets: [{ kind: 'min', value: 0.5, of: 'ratio' }],
      pass: same && api.errors === 0 && bare.errors === 0 ? null : false,
      note: `p99 api ${api.p99.join('/')} ms, limit ${bare.p99.join('/')} ms; errors api ${api.errors}, limit ${bare.errors}${same ? '' : '; the limit answered another body than the api'}`,
    },
  ];
  for (const [key, what] of [['app', 'in the serving process'], ['postgres', 'in its PostgreSQL backends'], ['loadgen', 'in the load generator']] as const) {
    rows.push({
      ...base,
      metric: `GET /users/me CPU ms per request ${what}`,
      unit: 'ms',
      measured: round(perRequestMs(api, key), 3),
      baseline: round(perRequestMs(bare, key), 3),
      ratio: round(perRequestMs(api, key) / perRequestMs(bare, key), 2),
      targets: [],
      pass: null,
      note: key === 'app' ? [api, bare, ...floorSides].map(cpuNote).join('; ') : undefined,
    });
  }
  for (const [j, f] of floors.entries()) rows.push(...floorRows(ctx, f, floorSides[j], api, bare, floorsSame[j]));
  return rows;
}

/**
 * A framework's floor against the limit (how far NestJS alone is from it), and the api against
 * that floor (what the product adds on the same framework), with the floor's CPU per request.
 */
function floorRows(ctx: BenchContext, server: LimitServer, floor: Side, api: Side, bare: Side, same: boolean): ResultRow[] {
  const rate = (s: Side) => s.requests / s.seconds;
  const label = FRAMEWORK_LABELS[server.framework] ?? server.framework;
  const ok = same && floor.errors === 0 ? null : false;
  const cpu = `CPU per request in its process ${round(perRequestMs(floor, 'app'), 3)} ms (api ${round(perRequestMs(api, 'app'), 3)} ms, bare ${round(perRequestMs(bare, 'app'), 3)} ms), in PostgreSQL ${round(perRequestMs(floor, 'postgres'), 3)} ms`;
  const load = `closed loop, ${ctx.scale.loadConnections} connections, ${ROUNDS}x${ctx.scale.loadSeconds} s`;
  const note = `${label}; ${load}; p99 ${floor.p99.join('/')} ms; errors ${floor.errors}; ${cpu}${same ? '' : '; it answered another body than the api'}`;
  return [
    {
      scenario: 'lists', metric: `GET /users/me: the ${server.framework} floor against the limit`, unit: 'req/s',
      measured: round(rate(floor), 0), baseline: round(rate(bare), 0), baselineLabel: 'HTTP limit: bare node:http + pg',
      ratio: round(rate(floor) / rate(bare), 3), targets: [], pass: ok, note,
    },
    {
      scenario: 'lists', metric: `GET /users/me: the api against the ${server.framework} floor`, unit: 'req/s',
      measured: round(rate(api), 0), baseline: round(rate(floor), 0), baselineLabel: `${server.framework} floor: the limit's work in NestJS`,
      ratio: round(rate(api) / rate(floor), 3), targets: [], pass: ok,
      note: `${load}; CPU per request in the serving process: api ${round(perRequestMs(api, 'app'), 3)} ms, floor ${round(perRequestMs(floor, 'app'), 3)} ms`,
    },
  ];
}
