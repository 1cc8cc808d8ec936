// GET /users/me against the HTTP limit: closed-loop throughput (autocannon, same connections and
// duration, api and limit taken in turns, twice each) and the CPU each process spent per request
// over those runs, read from /proc: the api (or the limit server), its PostgreSQL backends, and
// the load generator (this process). Each side is warmed up first by an unmeasured run of the
// same length (JIT, pools, caches). The limit's answer must equal the api's.
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

export async function usersMeRows(ctx: BenchContext, limit: LimitServer): Promise<ResultRow[]> {
  const limitClient = new ApiClient([limit.url]);
  limitClient.token = ctx.api.token;
  const [fromApi, fromLimit] = [await ctx.api.ok('GET', ROUTE), await limitClient.ok('GET', ROUTE)];
  const same = isDeepStrictEqual(fromApi.body, fromLimit.body);

  const side = (label: string): Side => ({ label, requests: 0, seconds: 0, errors: 0, p99: [], cpu: { app: 0, postgres: 0, loadgen: 0 } });
  const api = side('api');
  const bare = side('limit');
  await loadRun(ctx, ctx.stack.urls, [], 'clockwork-api', side('warm-up'));
  await loadRun(ctx, [limit.url], [], 'clockwork-http-limit', side('warm-up'));
  for (let i = 0; i < ROUNDS; i++) {
    await loadRun(ctx, ctx.stack.urls, ctx.stack.apis.map((a) => a.child.pid), 'clockwork-api', api);
    await loadRun(ctx, [limit.url], [limit.child.pid], 'clockwork-http-limit', bare);
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
      note: key === 'app' ? `${cpuNote(api)}; ${cpuNote(bare)}` : undefined,
    });
  }
  return rows;
}
