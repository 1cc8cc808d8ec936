// 4. The read side against its HTTP limit (tools/bench/limits: a bare node:http server that
// verifies the same tokens and serves the same keyset queries with pg, started for this scenario):
// GET /users/me closed-loop throughput and CPU per request; list pages GET /contacts, /deals,
// /time-entries (default sort, 50 per page) at depth 1 and deep (a cursor built, in the api's own
// format, from the row at that depth), p95 against the limit serving the same page (which must
// equal the api's, and its first row the raw keyset query's; the raw query's p95 is in the note).
// Also the contacts list with two custom field filters (cf.<key>, a common pair first and deep, a
// rare pair first), against the HTTP limit serving the same containment. Every page has the list
// targets (args.ts: p95 and ratio to the limit), judged at every scale. The same limit is also
// served inside NestJS (on Express, the api's platform, and on Fastify): those floors are called
// in the same turns, their figures in each row (and their own /users/me rows), so the api's
// distance to the limit splits into the framework's share and the product's.
import { isDeepStrictEqual } from 'node:util';
import { ApiClient } from '../api-client';
import { LimitServer, startHttpLimit } from '../limits/http-limit.process';
import { usersMeRows } from '../limits/http-limit.rows';
import { LIST_RATIO_MAX } from '../args';
import { BenchContext, percentile, ResultRow, round, Scenario } from '../scenario';
import { CONTACT_FILTERS } from '../seed';

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

/** `cf.<key>=value` filters of a page, as the api reads them and as one containment document. */
type Filter = Record<string, string>;
const containment = (filter: Filter | undefined, param: number) => (filter ? `AND custom_fields @> $${param}::jsonb` : '');
const filterQuery = (filter: Filter | undefined) => (filter ? Object.entries(filter).map(([k, v]) => `&cf.${k}=${encodeURIComponent(v)}`).join('') : '');

async function positionAt(ctx: BenchContext, spec: ListSpec, depth: number, filter?: Filter): Promise<{ value: Date; id: string } | null> {
  if (depth <= 1) return null;
  const { rows } = await ctx.pool.query<{ value: Date; id: string }>(
    `SELECT ${spec.sortColumn} AS value, id FROM ${spec.table} WHERE organization_id = $1 ${containment(filter, 3)} ORDER BY ${spec.sortColumn} DESC, id DESC OFFSET $2 LIMIT 1`,
    [ctx.seed.organizationId, depth - 2, ...(filter ? [JSON.stringify(filter)] : [])],
  );
  return rows[0] ?? null;
}

/** The list targets (tools/bench/args.ts), judged at every scale. */
const listTargets = (ctx: BenchContext): Pick<ResultRow, 'targets' | 'judgedAtEveryScale'> => ({
  targets: [
    { kind: 'max', value: ctx.scale.listP95Ms, of: 'measured' },
    { kind: 'max', value: LIST_RATIO_MAX, of: 'ratio' },
  ],
  judgedAtEveryScale: true,
});

/** The limit served by a framework (its NestJS floors), called in the same turns as the api. */
interface Floor {
  name: string;
  client: ApiClient;
}

async function measure(ctx: BenchContext, limit: ApiClient, floors: Floor[], spec: ListSpec, depth: number, filter?: Filter): Promise<ResultRow> {
  const after = await positionAt(ctx, spec, depth, filter);
  const path = `${spec.route}?limit=${LIMIT}${filterQuery(filter)}`;
  const route = `${path}${after ? `&cursor=${cursorOf(after.value, after.id)}` : ''}`;
  const keyset = after ? `AND (${spec.sortColumn}, id) < ($2::timestamptz, $3::uuid)` : '';
  const sql = `SELECT * FROM ${spec.table} WHERE organization_id = $1 ${keyset} ${containment(filter, after ? 4 : 2)} ORDER BY ${spec.sortColumn} DESC, id DESC LIMIT ${LIMIT + 1}`;
  const params = [ctx.seed.organizationId, ...(after ? [after.value, after.id] : []), ...(filter ? [JSON.stringify(filter)] : [])];

  const first = await ctx.api.ok<{ data: { id: string }[] }>('GET', route);
  const bare = await limit.ok('GET', route);
  const raw = await ctx.pool.query<{ id: string }>(sql, params);
  const sameAsRaw = raw.rows.length > 0 && first.body.data.map((r) => r.id).join() === raw.rows.slice(0, LIMIT).map((r) => r.id).join();
  const sameAsLimit = isDeepStrictEqual(first.body, bare.body);
  const floorsSame = await Promise.all(floors.map(async (f) => isDeepStrictEqual(first.body, (await f.client.ok('GET', route)).body)));
  const apiMs: number[] = [];
  const limitMs: number[] = [];
  const floorMs: number[][] = floors.map(() => []);
  const rawMs: number[] = [];
  for (let i = 0; i < WARM_UP_CALLS; i++) await Promise.all([ctx.api.ok('GET', route), limit.ok('GET', route), ...floors.map((f) => f.client.ok('GET', route))]);
  for (let i = 0; i < ctx.scale.listCalls; i++) {
    apiMs.push((await ctx.api.ok('GET', route)).ms);
    limitMs.push((await limit.ok('GET', route)).ms);
    for (const [j, f] of floors.entries()) floorMs[j].push((await f.client.ok('GET', route)).ms);
    const started = performance.now();
    await ctx.pool.query(sql, params);
    rawMs.push(performance.now() - started);
  }
  const p95 = percentile(apiMs, 95);
  const limitP95 = percentile(limitMs, 95);
  const problems = [
    sameAsRaw ? '' : '; the page differs from the raw query',
    sameAsLimit ? '' : '; the page differs from the HTTP limit\'s',
    ...floors.map((f, j) => (floorsSame[j] ? '' : `; the page differs from the ${f.name} floor's`)),
  ].join('');
  const floorNote = floors.map((f, j) => `; ${f.name} floor p50 ${round(percentile(floorMs[j], 50))} ms, p95 ${round(percentile(floorMs[j], 95))} ms`).join('');
  return {
    scenario: 'lists',
    metric: `GET ${path.replace(`limit=${LIMIT}&`, '').replace(`?limit=${LIMIT}`, '')} depth ${depth.toLocaleString('en-US')} p95`,
    unit: 'ms',
    measured: round(p95),
    baseline: round(limitP95),
    baselineLabel: 'HTTP limit p95, same page',
    ratio: round(p95 / limitP95, 2),
    ...listTargets(ctx),
    pass: sameAsRaw && sameAsLimit && floorsSame.every(Boolean) ? null : false,
    note: `${ctx.scale.listCalls} calls each, ${LIMIT} per page, in turns; p50 api ${round(percentile(apiMs, 50))} ms, limit ${round(percentile(limitMs, 50))} ms${floorNote}; raw keyset SQL p50 ${round(percentile(rawMs, 50))} ms, p95 ${round(percentile(rawMs, 95))} ms${problems}`,
  };
}

/** Rows of a list at depth 1 and at the scale's deep position (or the deepest full page of fewer rows). */
async function listAt(ctx: BenchContext, limit: ApiClient, floors: Floor[], spec: ListSpec, filter?: Filter, deep = true): Promise<{ rows: ResultRow[]; total: number }> {
  const { rows: counted } = await ctx.pool.query<{ n: string }>(
    `SELECT count(*) n FROM ${spec.table} WHERE organization_id = $1 ${containment(filter, 2)}`,
    [ctx.seed.organizationId, ...(filter ? [JSON.stringify(filter)] : [])],
  );
  const total = Number(counted[0].n);
  const deepest = Math.max(1, total - LIMIT);
  const rows: ResultRow[] = [];
  for (const depth of [...new Set([1, ...(deep ? [Math.min(ctx.scale.listDepth, deepest)] : [])])]) {
    const row = await measure(ctx, limit, floors, spec, depth, filter);
    if (filter) row.note = `${row.note}; ${total.toLocaleString('en-US')} contacts match`;
    if (depth > 1 && depth < ctx.scale.listDepth) row.note = `${row.note}; only ${total.toLocaleString('en-US')} rows, so the deepest full page`;
    rows.push(row);
  }
  return { rows, total };
}

/**
 * The contacts list with two custom field filters (tools/bench/seed.ts, CONTACT_FILTERS): a common
 * pair (gold in the 8th region, ~1 contact in 340) first and deep, and a rare pair (~1 in 3,200)
 * first, each against the HTTP limit serving the same containment. The number of matches is
 * checked against the share the seed's formula gives (within 4 binomial standard deviations).
 */
async function customFieldRows(ctx: BenchContext, limit: ApiClient, floors: Floor[]): Promise<ResultRow[]> {
  const contacts = LISTS[0];
  const rows: ResultRow[] = [];
  for (const [name, { filter, share }] of Object.entries(CONTACT_FILTERS)) {
    const { rows: measured, total } = await listAt(ctx, limit, floors, contacts, filter, name === 'common');
    const expected = share * ctx.scale.contacts;
    const off = Math.abs(total - expected) > 4 * Math.sqrt(expected) + 2; // 4 binomial standard deviations
    for (const row of measured) {
      row.note = `${row.note} (the seed's spread gives ${Math.round(expected).toLocaleString('en-US')})`;
      if (off) Object.assign(row, { pass: false, note: `${row.note}; the matches are not the seeded spread` });
    }
    rows.push(...measured);
  }
  return rows;
}

export const lists: Scenario = {
  id: 'lists',
  title: 'GET /users/me and list pages against the HTTP limit',
  async run(ctx) {
    const servers: LimitServer[] = [];
    try {
      for (const framework of ['node', 'nest-express', 'nest-fastify'] as const) servers.push(await startHttpLimit(ctx.stack, framework));
      const [server, ...floorServers] = servers;
      const client = (url: string) => Object.assign(new ApiClient([url]), { token: ctx.api.token });
      const floors = floorServers.map((f) => ({ name: f.framework, client: client(f.url) }));
      return [...(await usersMeRows(ctx, server, floorServers)), ...(await listRows(ctx, client(server.url), floors))];
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  },
};

async function listRows(ctx: BenchContext, limit: ApiClient, floors: Floor[]): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const spec of LISTS) rows.push(...(await listAt(ctx, limit, floors, spec)).rows);
  rows.push(...(await customFieldRows(ctx, limit, floors)));
  return rows;
}
