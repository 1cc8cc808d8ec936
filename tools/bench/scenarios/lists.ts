// 4. The read side against its HTTP limit (tools/bench/limits: a bare node:http server that
// verifies the same tokens and serves the same keyset queries with pg, started for this scenario):
// GET /users/me closed-loop throughput and CPU per request; list pages GET /contacts, /deals,
// /time-entries (default sort, 50 per page) at depth 1 and deep (a cursor built, in the api's own
// format, from the row at that depth), p95 against the limit serving the same page (which must
// equal the api's, and its first row the raw keyset query's; the raw query's p95 is in the note).
// Also the contacts list with two custom field filters (cf.<key>), against the raw containment.
import { isDeepStrictEqual } from 'node:util';
import { ApiClient } from '../api-client';
import { startHttpLimit } from '../limits/http-limit.process';
import { usersMeRows } from '../limits/http-limit.rows';
import { BenchContext, percentile, ResultRow, round, Scenario } from '../scenario';

const LIMIT = 50;
/** Unmeasured calls of each page to the api and the limit first (JIT, plans, caches). */
const WARM_UP_CALLS = 5;

interface ListSpec {
  route: string;
  table: string;
  sortColumn: string;
}

const LISTS: ListSpec[] = [
  { route: '/api/v1/contacts', table: 'contacts', sortColumn: 'created_at' },
  { route: '/api/v1/deals', table: 'deals', sortColumn: 'created_at' },
  { route: '/api/v1/time-entries', table: 'time_entries', sortColumn: 'start_time' },
];

/** The api's cursor: base64url of JSON [sort value, id]. */
const cursorOf = (value: Date, id: string) => Buffer.from(JSON.stringify([value.toISOString(), id])).toString('base64url');

async function positionAt(ctx: BenchContext, spec: ListSpec, depth: number): Promise<{ value: Date; id: string } | null> {
  if (depth <= 1) return null;
  const { rows } = await ctx.pool.query<{ value: Date; id: string }>(
    `SELECT ${spec.sortColumn} AS value, id FROM ${spec.table} WHERE organization_id = $1 ORDER BY ${spec.sortColumn} DESC, id DESC OFFSET $2 LIMIT 1`,
    [ctx.seed.organizationId, depth - 2],
  );
  return rows[0] ?? null;
}

async function measure(ctx: BenchContext, limit: ApiClient, spec: ListSpec, depth: number): Promise<ResultRow> {
  const after = await positionAt(ctx, spec, depth);
  const route = `${spec.route}?limit=${LIMIT}${after ? `&cursor=${cursorOf(after.value, after.id)}` : ''}`;
  const keyset = after ? `AND (${spec.sortColumn}, id) < ($2::timestamptz, $3::uuid)` : '';
  const sql = `SELECT * FROM ${spec.table} WHERE organization_id = $1 ${keyset} ORDER BY ${spec.sortColumn} DESC, id DESC LIMIT ${LIMIT + 1}`;
  const params = after ? [ctx.seed.organizationId, after.value, after.id] : [ctx.seed.organizationId];

  const first = await ctx.api.ok<{ data: { id: string }[] }>('GET', route);
  const bare = await limit.ok('GET', route);
  const raw = await ctx.pool.query<{ id: string }>(sql, params);
  const sameAsRaw = first.body.data[0]?.id === raw.rows[0]?.id && first.body.data.length === Math.min(LIMIT, raw.rows.length);
  const sameAsLimit = isDeepStrictEqual(first.body, bare.body);
  const apiMs: number[] = [];
  const limitMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < WARM_UP_CALLS; i++) await Promise.all([ctx.api.ok('GET', route), limit.ok('GET', route)]);
  for (let i = 0; i < ctx.scale.listCalls; i++) {
    apiMs.push((await ctx.api.ok('GET', route)).ms);
    limitMs.push((await limit.ok('GET', route)).ms);
    const started = performance.now();
    await ctx.pool.query(sql, params);
    rawMs.push(performance.now() - started);
  }
  const p95 = percentile(apiMs, 95);
  const limitP95 = percentile(limitMs, 95);
  const problems = [sameAsRaw ? '' : '; the page differs from the raw query', sameAsLimit ? '' : '; the page differs from the HTTP limit\'s'].join('');
  return {
    scenario: 'lists',
    metric: `GET ${spec.route} depth ${depth.toLocaleString('en-US')} p95`,
    unit: 'ms',
    measured: round(p95),
    baseline: round(limitP95),
    baselineLabel: 'HTTP limit p95, same page',
    ratio: round(p95 / limitP95, 2),
    targets: [
      { kind: 'max', value: 20, of: 'measured' },
      { kind: 'max', value: 1.5, of: 'ratio' },
    ],
    pass: sameAsRaw && sameAsLimit ? null : false,
    note: `${ctx.scale.listCalls} calls each, ${LIMIT} per page, in turns; p50 api ${round(percentile(apiMs, 50))} ms, limit ${round(percentile(limitMs, 50))} ms; raw keyset SQL p95 ${round(percentile(rawMs, 95))} ms${problems}`,
  };
}

/**
 * The contacts list with two custom field filters (`cf.tier=gold&cf.region=r7`: about 1 contact
 * in 200, a few thousand of 1M), first page: the api against the same containment in raw SQL
 * (`custom_fields @> …`, answered by contacts_custom_fields_idx). The page is checked against it.
 */
async function measureCustomFieldFilters(ctx: BenchContext): Promise<ResultRow> {
  const route = `/api/v1/contacts?limit=${LIMIT}&cf.tier=gold&cf.region=r7`;
  const sql = `SELECT * FROM contacts WHERE organization_id = $1 AND custom_fields @> $2::jsonb ORDER BY created_at DESC, id DESC LIMIT ${LIMIT + 1}`;
  const params = [ctx.seed.organizationId, JSON.stringify({ tier: 'gold', region: 'r7' })];
  const first = await ctx.api.ok<{ data: { id: string }[] }>('GET', route);
  const raw = await ctx.pool.query<{ id: string }>(sql, params);
  const same = raw.rows.length > 0 && first.body.data.map((r) => r.id).join() === raw.rows.slice(0, LIMIT).map((r) => r.id).join();
  const apiMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < ctx.scale.listCalls; i++) {
    apiMs.push((await ctx.api.ok('GET', route)).ms);
    const started = performance.now();
    await ctx.pool.query(sql, params);
    rawMs.push(performance.now() - started);
  }
  const p95 = percentile(apiMs, 95);
  const rawP95 = percentile(rawMs, 95);
  return {
    scenario: 'lists',
    metric: 'GET /api/v1/contacts two cf.<key> filters p95',
    unit: 'ms',
    measured: round(p95),
    baseline: round(rawP95),
    baselineLabel: 'raw containment SQL p95',
    ratio: round(p95 / rawP95, 2),
    targets: [
      { kind: 'max', value: 20, of: 'measured' },
      { kind: 'max', value: 2, of: 'ratio' },
    ],
    pass: same ? null : false,
    note: `${ctx.scale.listCalls} calls, ${LIMIT} per page, cf.tier=gold&cf.region=r7${same ? '' : '; the page differs from the raw query'}`,
  };
}

export const lists: Scenario = {
  id: 'lists',
  title: 'GET /users/me and list pages against the HTTP limit',
  async run(ctx) {
    const server = await startHttpLimit(ctx.stack);
    try {
      const limit = new ApiClient([server.url]);
      limit.token = ctx.api.token;
      return [...(await usersMeRows(ctx, server)), ...(await listRows(ctx, limit))];
    } finally {
      await server.stop();
    }
  },
};

async function listRows(ctx: BenchContext, limit: ApiClient): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const spec of LISTS) {
    const { rows: counted } = await ctx.pool.query<{ n: string }>(`SELECT count(*) n FROM ${spec.table} WHERE organization_id = $1`, [ctx.seed.organizationId]);
    const deepest = Math.max(1, Number(counted[0].n) - LIMIT);
    for (const depth of [...new Set([1, Math.min(ctx.scale.listDepth, deepest)])]) {
      const row = await measure(ctx, limit, spec, depth);
      if (depth > 1 && depth < ctx.scale.listDepth) row.note = `${row.note}; only ${counted[0].n} rows, so the deepest full page`;
      rows.push(row);
    }
  }
  rows.push(await measureCustomFieldFilters(ctx));
  return rows;
}
