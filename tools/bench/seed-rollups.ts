// The time rollups of the seeded year, built once after the entries are loaded, set-based: each
// rollup table filled by INSERT ... SELECT ... GROUP BY into an empty table with its secondary
// and key indexes dropped (rebuilt afterwards), in restore mode (no foreign-key checks per row),
// in the order the rollup design derives them: the daily rollups from the entries (a month per
// statement, two at a time), the span rollups and the prices from the daily rollups, the priced
// spans from the prices. Rates are resolved by the billing lib's own RATE_ON_DAY and
// COST_RATE_ON_DAY, as the triggers and the repair do. What they hold is what the product's
// repair (`POST /reports/rollups/check` with repair) builds; the seed checks it with that
// endpoint (without repair) where the scale allows, and the reports scenario compares every
// report with the raw computation.
import { COST_RATE_ON_DAY, RATE_ON_DAY } from '@clockwork/server-billing';
import { TIME_SPANS } from '@clockwork/server-reports';
import type { Pool, PoolClient } from 'pg';

/** The rollup tables built here (all empty before). */
export const ROLLUP_TABLES = ['time_rollups', 'time_rollups_by_deal', 'time_rollups_by_user', 'time_rollup_prices', 'time_rollups_priced_by_deal', 'time_rollups_priced_by_user'];

const SPANS = `'{${[...TIME_SPANS].reverse().join(',')}}'::smallint[]`;
const PRICED = ['billable_seconds', 'costed_seconds', 'value_rate_seconds', 'cost_rate_seconds'];

/** The entries of organization $1 whose UTC day is in [$2, $3), summed per daily rollup key. */
export const DAILY_SQL = `
  INSERT INTO time_rollups (organization_id, day, deal_id, task_id, user_id, account_id, billable, entries, seconds, score_sum, score_seconds)
  SELECT e.organization_id, (e.start_time AT TIME ZONE 'UTC')::date, e.deal_id, e.task_id, e.user_id, e.account_id, e.billable,
         count(*), sum(e.duration_seconds), sum(e.productivity_score), sum(e.productivity_score * e.duration_seconds)
    FROM time_entries e
   WHERE e.organization_id = $1 AND e.start_time >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND e.start_time < ($3::date)::timestamp AT TIME ZONE 'UTC'
   GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** A span table from the daily rollups of organization $1: every span level at once. */
const spanSql = (table: string, keys: string[], figures: Record<string, string>) => `
  INSERT INTO ${table} (organization_id, span, span_start, ${keys.join(', ')}, ${Object.keys(figures).join(', ')})
  SELECT r.organization_id, s.span, time_span_start(r.day, s.span), ${keys.map((k) => `r.${k}`).join(', ')}, ${Object.values(figures).join(', ')}
    FROM time_rollups r CROSS JOIN unnest(${SPANS}) s(span)
   WHERE r.organization_id = $1
   GROUP BY 1, 2, 3, ${keys.map((_, i) => i + 4).join(', ')}`;

export const SPAN_SQL = [
  spanSql('time_rollups_by_deal', ['deal_id', 'account_id'], {
    entries: 'sum(r.entries)', seconds: 'sum(r.seconds)', billable_seconds: 'coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0)',
  }),
  spanSql('time_rollups_by_user', ['user_id'], {
    entries: 'sum(r.entries)', seconds: 'sum(r.seconds)', billable_seconds: 'coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0)',
    score_sum: 'sum(r.score_sum)', score_seconds: 'sum(r.score_seconds)',
  }),
];

/** The prices of organization $1: time per (day, deal, person, client) from the daily rollups, with the rates in effect for it. */
export const PRICES_SQL = `
  INSERT INTO time_rollup_prices (organization_id, day, deal_id, user_id, account_id, seconds, billable_seconds, hourly_rate, rate_currency, hourly_cost, cost_currency)
  SELECT k.organization_id, k.day, k.deal_id, k.user_id, k.account_id, k.seconds, k.billable_seconds,
         rate.hourly_rate::numeric, rate.currency, cost.hourly_cost::numeric, cost.currency
    FROM (SELECT r.organization_id, r.day, r.deal_id, r.user_id, r.account_id, sum(r.seconds)::bigint AS seconds,
                 coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0)::bigint AS billable_seconds
            FROM time_rollups r WHERE r.organization_id = $1
           GROUP BY 1, 2, 3, 4, 5) k
    LEFT JOIN users u ON u.organization_id = k.organization_id AND u.id = k.user_id
    ${RATE_ON_DAY('k', 'k.day')}
    ${COST_RATE_ON_DAY('k', 'k.day', 'u.role')}`;

/** A priced span table from the prices of organization $1: billable seconds and their value in the rate's currency, seconds and their cost in the cost rate's. */
const pricedSql = (table: string, keys: string[]) => `
  INSERT INTO ${table} (organization_id, span, span_start, ${keys.join(', ')}, currency, ${PRICED.join(', ')})
  SELECT p.organization_id, s.span, time_span_start(p.day, s.span), ${keys.map((k) => `p.${k}`).join(', ')}, x.currency, ${PRICED.map((f) => `sum(x.${f})`).join(', ')}
    FROM time_rollup_prices p
   CROSS JOIN LATERAL (VALUES (p.rate_currency, p.billable_seconds, 0::bigint, p.billable_seconds * coalesce(p.hourly_rate, 0), 0::numeric),
                              (p.cost_currency, 0::bigint, p.seconds, 0::numeric, p.seconds * coalesce(p.hourly_cost, 0)))
                      AS x(currency, billable_seconds, costed_seconds, value_rate_seconds, cost_rate_seconds)
   CROSS JOIN unnest(${SPANS}) s(span)
   WHERE p.organization_id = $1
   GROUP BY 1, 2, 3, ${keys.map((_, i) => i + 4).join(', ')}, ${keys.length + 4}
  HAVING ${PRICED.map((f) => `sum(x.${f}) <> 0`).join(' OR ')}`;

export const PRICED_SQL = [pricedSql('time_rollups_priced_by_deal', ['deal_id', 'account_id']), pricedSql('time_rollups_priced_by_user', ['user_id'])];

/** Runs `sql` on a client in restore mode with room to aggregate in memory. */
async function restoreQuery(pool: Pool, sql: string, params: unknown[]): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`).catch(() => undefined);
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query(`SET LOCAL jit = off`);
    await client.query(sql, params);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Runs the tasks `lanes` at a time. */
async function lanes(tasks: Array<() => Promise<void>>, count: number): Promise<void> {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: count }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  }));
}

/**
 * Builds every rollup table of `organizationId` for the months of the seeded year. The tables'
 * secondary indexes are dropped first and rebuilt at the end by `withIndexesDeferred` (the caller).
 */
export async function buildRollups(pool: Pool, organizationId: string, months: { from: string; to: string }[], parallel: number, log: (m: string) => void): Promise<void> {
  let done = 0;
  await lanes(months.map((m) => async () => {
    await restoreQuery(pool, DAILY_SQL, [organizationId, m.from, m.to]);
    log(`  daily rollups: ${++done} / ${months.length} months`);
  }), parallel);
  await pool.query('ANALYZE time_rollups');
  await lanes([...SPAN_SQL, PRICES_SQL].map((sql) => () => restoreQuery(pool, sql, [organizationId])), parallel);
  log('  span rollups and prices built');
  await pool.query('ANALYZE time_rollup_prices');
  await lanes(PRICED_SQL.map((sql) => () => restoreQuery(pool, sql, [organizationId])), parallel);
  log('  priced span rollups built');
}
