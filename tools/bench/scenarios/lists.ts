// 4. List pages: GET /contacts, /deals, /time-entries (default sort, 50 per page) at depth 1
// and deep (a cursor built, in the api's own format, from the row at that depth), p95 against
// the same keyset query in raw SQL. The first row of each page is checked against raw SQL.
import { BenchContext, percentile, ResultRow, round, Scenario } from '../scenario';

const LIMIT = 50;

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

async function measure(ctx: BenchContext, spec: ListSpec, depth: number): Promise<ResultRow> {
  const after = await positionAt(ctx, spec, depth);
  const route = `${spec.route}?limit=${LIMIT}${after ? `&cursor=${cursorOf(after.value, after.id)}` : ''}`;
  const keyset = after ? `AND (${spec.sortColumn}, id) < ($2::timestamptz, $3::uuid)` : '';
  const sql = `SELECT * FROM ${spec.table} WHERE organization_id = $1 ${keyset} ORDER BY ${spec.sortColumn} DESC, id DESC LIMIT ${LIMIT + 1}`;
  const params = after ? [ctx.seed.organizationId, after.value, after.id] : [ctx.seed.organizationId];

  const first = await ctx.api.ok<{ data: { id: string }[] }>('GET', route);
  const raw = await ctx.pool.query<{ id: string }>(sql, params);
  const same = first.body.data[0]?.id === raw.rows[0]?.id && first.body.data.length === Math.min(LIMIT, raw.rows.length);
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
    metric: `GET ${spec.route} depth ${depth.toLocaleString('en-US')} p95`,
    unit: 'ms',
    measured: round(p95),
    baseline: round(rawP95),
    baselineLabel: 'raw keyset SQL p95',
    ratio: round(p95 / rawP95, 2),
    targets: [
      { kind: 'max', value: 20, of: 'measured' },
      { kind: 'max', value: 2, of: 'ratio' },
    ],
    pass: same ? null : false,
    note: `${ctx.scale.listCalls} calls each, ${LIMIT} per page${same ? '' : '; the page differs from the raw query'}`,
  };
}

export const lists: Scenario = {
  id: 'lists',
  title: 'List pages',
  async run(ctx) {
    const rows: ResultRow[] = [];
    for (const spec of LISTS) {
      const { rows: counted } = await ctx.pool.query<{ n: string }>(`SELECT count(*) n FROM ${spec.table} WHERE organization_id = $1`, [ctx.seed.organizationId]);
      const deepest = Math.max(1, Number(counted[0].n) - LIMIT);
      for (const depth of [...new Set([1, Math.min(ctx.scale.listDepth, deepest)])]) {
        const row = await measure(ctx, spec, depth);
        if (depth > 1 && depth < ctx.scale.listDepth) row.note = `${row.note}; only ${counted[0].n} rows, so the deepest full page`;
        rows.push(row);
      }
    }
    return rows;
  },
};
