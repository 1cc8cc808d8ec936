import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { COST_RATE_ON_DAY, RATE_ON_DAY } from '@clockwork/server-billing';
import { DataSource, EntityManager } from 'typeorm';
import { LONGEST_SPAN, TIME_SPANS } from './time-spans.rules';

const KEY = 'day, deal_id, task_id, user_id, account_id, billable';
const FIGURES = ['entries', 'seconds', 'score_sum', 'score_seconds'] as const;
/** The most differing keys one check lists (all are counted and repaired). */
export const DRIFT_LIST_LIMIT = 1000;

export interface DriftRow {
  day: string;
  deal_id: string | null;
  task_id: string | null;
  user_id: string | null;
  account_id: string | null;
  billable: boolean;
  raw_entries: string;
  raw_seconds: string;
  raw_score_sum: string;
  rollup_entries: string;
  rollup_seconds: string;
  rollup_score_sum: string;
  differing_keys: string;
}

/**
 * `drift`: the keys of one organization and UTC day range whose rollups differ from the raw time
 * entries, recomputed in the same statement (one snapshot of both tables).
 */
const DRIFT_CTE = `
  drift AS (
    SELECT ${KEY}, ${FIGURES.map((f) => `sum(raw_${f}) AS raw_${f}, sum(rollup_${f}) AS rollup_${f}`).join(', ')}
      FROM (SELECT (e.start_time AT TIME ZONE 'UTC')::date AS day, e.deal_id, e.task_id, e.user_id, e.account_id, e.billable,
                   1::bigint AS raw_entries, e.duration_seconds::bigint AS raw_seconds, e.productivity_score::numeric AS raw_score_sum,
                   e.productivity_score * e.duration_seconds AS raw_score_seconds,
                   0::bigint AS rollup_entries, 0::bigint AS rollup_seconds, 0::numeric AS rollup_score_sum, 0::numeric AS rollup_score_seconds
              FROM time_entries e
             WHERE e.organization_id = $1 AND e.start_time >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND e.start_time < ($3::date)::timestamp AT TIME ZONE 'UTC'
            UNION ALL
            SELECT ${KEY}, 0, 0, 0, 0, entries, seconds, score_sum, score_seconds
              FROM time_rollups
             WHERE organization_id = $1 AND day >= $2::date AND day < $3::date) x
     GROUP BY ${KEY}
    HAVING ${FIGURES.map((f) => `sum(raw_${f}) <> sum(rollup_${f})`).join(' OR ')})`;

/**
 * A span rollup table: its key columns and each figure as summed from the raw entries (time_entries
 * e) and from the daily rollups (time_rollups r).
 */
interface SpanTable {
  table: string;
  keys: string[];
  figures: Record<string, { raw: string; daily: string }>;
  /** For tables with their own source of days: the days [$2, $3) of organization $1 as rows (day, keys..., figures...), in a repair or a check. */
  days?: (repair: boolean) => string;
}
const TIME_FIGURES = {
  entries: { raw: 'count(*)::bigint', daily: 'sum(r.entries)' },
  seconds: { raw: 'sum(e.duration_seconds)::bigint', daily: 'sum(r.seconds)' },
  billable_seconds: { raw: 'coalesce(sum(e.duration_seconds) FILTER (WHERE e.billable), 0)::bigint', daily: 'coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0)' },
};
export const SPAN_TABLES: SpanTable[] = [
  { table: 'time_rollups_by_deal', keys: ['deal_id', 'account_id'], figures: TIME_FIGURES },
  {
    table: 'time_rollups_by_user',
    keys: ['user_id'],
    figures: {
      ...TIME_FIGURES,
      score_sum: { raw: 'sum(e.productivity_score)', daily: 'sum(r.score_sum)' },
      score_seconds: { raw: 'sum(e.productivity_score * e.duration_seconds)', daily: 'sum(r.score_seconds)' },
    },
  },
];
const NO_ID = `'00000000-0000-0000-0000-000000000000'::uuid`;
const PRICE_KEYS = ['day', 'deal_id', 'user_id', 'account_id'];
/** The priced figures of a span row (summed by the `days` of PRICED_SPAN_TABLES; raw and daily unused). */
const PRICED_FIGURES = Object.fromEntries(['billable_seconds', 'costed_seconds', 'value_rate_seconds', 'cost_rate_seconds'].map((f) => [f, { raw: f, daily: f }]));
/** The seconds and billable seconds per price key (organization_id, day, deal_id, user_id, account_id) of the days [$2, $3) of organization $1, from the raw entries or (`daily`) the daily rollups. */
function priceKeyTime(daily: boolean): string {
  return daily
    ? `SELECT r.organization_id, r.day, r.deal_id, r.user_id, r.account_id, sum(r.seconds)::bigint AS seconds, coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0)::bigint AS billable_seconds
         FROM time_rollups r WHERE r.organization_id = $1 AND r.day >= $2::date AND r.day < $3::date
        GROUP BY 1, 2, 3, 4, 5`
    : `SELECT e.organization_id, (e.start_time AT TIME ZONE 'UTC')::date AS day, e.deal_id, e.user_id, e.account_id, sum(e.duration_seconds)::bigint AS seconds,
              coalesce(sum(e.duration_seconds) FILTER (WHERE e.billable), 0)::bigint AS billable_seconds
         FROM time_entries e
        WHERE e.organization_id = $1 AND e.start_time >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND e.start_time < ($3::date)::timestamp AT TIME ZONE 'UTC'
        GROUP BY 1, 2, 3, 4, 5`;
}

/**
 * The days [$2, $3) as priced rows per `keys` and currency (migration 1763703600000's contribution):
 * in a repair, from time_rollup_prices (repaired just before in the same transaction); in a check,
 * from the raw entries priced with the rates in effect now, which is what the repaired prices
 * hold, so a check and a repair find the same rows.
 */
const pricedDays = (keys: string[]) => (repaired: boolean) => `
      SELECT p.day, ${keys.map((k) => `p.${k}`).join(', ')}, x.currency, ${Object.keys(PRICED_FIGURES).map((f) => `sum(x.${f})`).join(', ')}
        FROM ${
          repaired
            ? `time_rollup_prices p`
            : `(SELECT k.*, rate.hourly_rate::numeric AS hourly_rate, rate.currency AS rate_currency, cost.hourly_cost::numeric AS hourly_cost, cost.currency AS cost_currency
                  FROM (${priceKeyTime(false)}) k
                  LEFT JOIN users u ON u.organization_id = k.organization_id AND u.id = k.user_id
                  ${RATE_ON_DAY('k', 'k.day')}
                  ${COST_RATE_ON_DAY('k', 'k.day', 'u.role')}) p`
        }
       CROSS JOIN LATERAL (VALUES (p.rate_currency, p.billable_seconds, 0::bigint, p.billable_seconds * coalesce(p.hourly_rate, 0), 0::numeric),
                                  (p.cost_currency, 0::bigint, p.seconds, 0::numeric, p.seconds * coalesce(p.hourly_cost, 0)))
                          AS x(currency, billable_seconds, costed_seconds, value_rate_seconds, cost_rate_seconds)
       WHERE p.organization_id = $1 AND p.day >= $2::date AND p.day < $3::date
       GROUP BY 1, ${keys.map((_, i) => i + 2).join(', ')}, ${keys.length + 2}`;
/** The priced span rollups (per currency), checked against the priced time of the days (see pricedDays). */
export const PRICED_SPAN_TABLES: SpanTable[] = [
  { table: 'time_rollups_priced_by_deal', keys: ['deal_id', 'account_id', 'currency'], figures: PRICED_FIGURES, days: pricedDays(['deal_id', 'account_id']) },
  { table: 'time_rollups_priced_by_user', keys: ['user_id', 'currency'], figures: PRICED_FIGURES, days: pricedDays(['user_id']) },
];

/**
 * `drift`: the keys of time_rollup_prices (organization $1, days [$2, $3)) whose seconds or
 * billable seconds differ from the raw entries (or, `daily`, from the daily rollups once they were
 * repaired in the same transaction), or whose stored rates differ from what the billing lib's
 * resolutions (RATE_ON_DAY, COST_RATE_ON_DAY) give for the key now, with what they must hold.
 */
function priceDriftCte(daily: boolean): string {
  const want = priceKeyTime(daily);
  return `
    want AS (${want}),
    held AS (SELECT * FROM time_rollup_prices WHERE organization_id = $1 AND day >= $2::date AND day < $3::date),
    j AS (
      SELECT $1::uuid AS organization_id, ${PRICE_KEYS.map((k) => `coalesce(w.${k}, h.${k}) AS ${k}`).join(', ')},
             coalesce(w.seconds, 0) AS want_seconds, coalesce(w.billable_seconds, 0) AS want_billable_seconds,
             coalesce(h.seconds, 0) AS held_seconds, coalesce(h.billable_seconds, 0) AS held_billable_seconds,
             h.id IS NOT NULL AS held, h.hourly_rate, h.rate_currency, h.hourly_cost, h.cost_currency
        FROM want w FULL JOIN held h ON w.day = h.day AND ${PRICE_KEYS.slice(1).map((k) => `coalesce(w.${k}, ${NO_ID}) = coalesce(h.${k}, ${NO_ID})`).join(' AND ')}),
    drift AS (
      SELECT j.*, rate.hourly_rate::numeric AS new_rate, rate.currency AS new_rate_currency, cost.hourly_cost::numeric AS new_cost, cost.currency AS new_cost_currency
        FROM j
        LEFT JOIN users u ON u.organization_id = j.organization_id AND u.id = j.user_id
        ${RATE_ON_DAY('j', 'j.day')}
        ${COST_RATE_ON_DAY('j', 'j.day', 'u.role')}
       WHERE j.want_seconds <> j.held_seconds OR j.want_billable_seconds <> j.held_billable_seconds
          OR (j.held AND (j.hourly_rate, j.rate_currency, j.hourly_cost, j.cost_currency) IS DISTINCT FROM (rate.hourly_rate::numeric, rate.currency, cost.hourly_cost::numeric, cost.currency)))`;
}

/** Rows within the longest-span buckets around the days [$2, $3): every bucket of any span that holds a day of the range lies there. */
const AROUND = `span_start >= time_span_start($2::date, ${LONGEST_SPAN}) AND span_start < time_span_start($3::date - 1, ${LONGEST_SPAN}) + ${LONGEST_SPAN}`;

/**
 * `drift`: the rows of a span table (organization $1) that differ from what they must hold, in
 * one statement (one snapshot): span-1 rows of the days [$2, $3) against what the entries of
 * those days add up to, and every longer bucket that lies in the longest-span buckets around the
 * range against the sum of its days, where the days of the range count as the entries say (so a
 * check and a repair find the same rows, and a repair fixes every level at once).
 * The entries of the range are summed from the raw entries, or (`daily`, only once the daily
 * rollups of the range were repaired earlier in the same transaction, so they equal the raw
 * entries) from the daily rollups: a few rows per person and day instead of every entry.
 */
function spanDriftCte({ table, keys, figures, days }: SpanTable, daily: boolean): string {
  const names = Object.keys(figures);
  const cols = keys.join(', ');
  const sums = names.map((f) => `sum(${f}) AS ${f}`).join(', ');
  const levels = [...TIME_SPANS].reverse(); // 1, 4, 16, ...
  const coarser = levels.slice(1).map((span, i) => `l${span} AS (SELECT time_span_start(span_start, ${span}) AS span_start, ${cols}, ${sums} FROM l${levels[i]} GROUP BY 1, ${keys.map((_, k) => k + 2).join(', ')})`);
  return `
    l1 AS (
      SELECT span_start, ${cols}, ${names.join(', ')} FROM ${table}
       WHERE organization_id = $1 AND span = 1 AND ${AROUND} AND (span_start < $2::date OR span_start >= $3::date)
      UNION ALL
      ${
        days
          ? days(daily)
          : daily
          ? `SELECT r.day, ${keys.map((k) => `r.${k}`).join(', ')}, ${names.map((f) => figures[f].daily).join(', ')}
        FROM time_rollups r
       WHERE r.organization_id = $1 AND r.day >= $2::date AND r.day < $3::date`
          : `SELECT (e.start_time AT TIME ZONE 'UTC')::date, ${keys.map((k) => `e.${k}`).join(', ')}, ${names.map((f) => figures[f].raw).join(', ')}
        FROM time_entries e
       WHERE e.organization_id = $1 AND e.start_time >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND e.start_time < ($3::date)::timestamp AT TIME ZONE 'UTC'`
      }
      ${days ? '' : `GROUP BY 1, ${keys.map((_, k) => k + 2).join(', ')}`}),
    ${coarser.join(',\n    ')},
    drift AS (
      SELECT span, span_start, ${cols}, ${names.map((f) => `sum(want_${f}) AS want_${f}, sum(held_${f}) AS held_${f}`).join(', ')}
        FROM (SELECT 1 AS span, span_start, ${cols}, ${names.map((f) => `${f} AS want_${f}, 0 AS held_${f}`).join(', ')}
                FROM l1 WHERE span_start >= $2::date AND span_start < $3::date
              ${levels
                .slice(1)
                .map((span) => `UNION ALL SELECT ${span}, span_start, ${cols}, ${names.map((f) => `${f}, 0`).join(', ')} FROM l${span}`)
                .join('\n              ')}
              UNION ALL
              SELECT span, span_start, ${cols}, ${names.map((f) => `0, ${f}`).join(', ')} FROM ${table}
               WHERE organization_id = $1 AND ${AROUND} AND (span <> 1 OR (span_start >= $2::date AND span_start < $3::date))) x
       GROUP BY 1, 2, ${keys.map((_, k) => k + 3).join(', ')}
      HAVING ${names.map((f) => `sum(want_${f}) <> sum(held_${f})`).join(' OR ')})`;
}

/** The drift check: recomputes a range from the raw entries (the one place reports' code reads them). */
@Injectable()
export class RollupCheckRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  organizationIds(): Promise<{ id: string }[]> {
    return this.dataSource.query(`SELECT id FROM organizations ORDER BY id`);
  }

  /**
   * The differing keys (the first DRIFT_LIST_LIMIT, each row carrying the total count). With
   * `repair`, the same statement adds raw - rollup to each differing key: writers that commit
   * meanwhile add their own deltas on top, so the repaired rollups stay exact.
   */
  drift(manager: EntityManager, organizationId: string, from: string, to: string, repair: boolean): Promise<DriftRow[]> {
    const fix = repair
      ? `, fixed AS (
           INSERT INTO time_rollups AS r (organization_id, ${KEY}, ${FIGURES.join(', ')})
           SELECT $1, ${KEY}, ${FIGURES.map((f) => `raw_${f} - rollup_${f}`).join(', ')} FROM drift ORDER BY ${KEY}
           ON CONFLICT (organization_id, ${KEY}) DO UPDATE SET ${FIGURES.map((f) => `${f} = r.${f} + EXCLUDED.${f}`).join(', ')}, updated_at = now()
           RETURNING 1)`
      : '';
    return manager.query(
      `WITH ${DRIFT_CTE}${fix}
       SELECT to_char(day, 'YYYY-MM-DD') AS day, deal_id, task_id, user_id, account_id, billable,
              raw_entries, raw_seconds, raw_score_sum::text, rollup_entries, rollup_seconds, rollup_score_sum::text,
              count(*) OVER () AS differing_keys
         FROM drift
        ORDER BY ${KEY}
        LIMIT ${DRIFT_LIST_LIMIT}`,
      [organizationId, from, to],
    );
  }

  /**
   * Makes repairs of one organization wait for each other (until commit). A repair adds the
   * drift it saw to each row, and a long-span row lies around the ranges of several checks:
   * two repairs of neighbouring ranges at once would each add the same correction to it.
   */
  async lockRepairs(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('time_rollups repair ' || $1, 0))`, [organizationId]);
  }

  /**
   * How many rows of a span table differ (see spanDriftCte). With `repair`, the same statement
   * adds want - held to each: writers committing meanwhile add their own deltas on top. A
   * repair runs after the daily rollups of the range were repaired (drift) in the same
   * transaction and sums the days of the range from them.
   */
  async spanDrift(manager: EntityManager, span: SpanTable, organizationId: string, from: string, to: string, repair: boolean): Promise<number> {
    const names = Object.keys(span.figures);
    const cols = span.keys.join(', ');
    const fix = repair
      ? `, fixed AS (
           INSERT INTO ${span.table} AS r (organization_id, span, span_start, ${cols}, ${names.join(', ')})
           SELECT $1, span, span_start, ${cols}, ${names.map((f) => `want_${f} - held_${f}`).join(', ')} FROM drift ORDER BY span, span_start, ${cols}
           ON CONFLICT (organization_id, span, span_start, ${cols}) DO UPDATE SET ${names.map((f) => `${f} = r.${f} + EXCLUDED.${f}`).join(', ')}, updated_at = now()
           RETURNING 1)`
      : '';
    const [{ differing }] = await manager.query(`WITH ${spanDriftCte(span, repair)}${fix} SELECT count(*)::int AS differing FROM drift`, [organizationId, from, to]);
    return differing;
  }

  /**
   * How many keys of time_rollup_prices differ (see priceDriftCte). With `repair`, the same
   * statement adds want - held to each key's seconds and sets the rates resolved now (writers
   * committing meanwhile add their own deltas on top); it runs after the daily rollups of the
   * range were repaired in the same transaction and sums the days from them. The priced span
   * rows are checked (repaired) against the prices afterwards (PRICED_SPAN_TABLES).
   */
  async priceDrift(manager: EntityManager, organizationId: string, from: string, to: string, repair: boolean): Promise<number> {
    const fix = repair
      ? `, fixed AS (
           INSERT INTO time_rollup_prices AS p (organization_id, ${PRICE_KEYS.join(', ')}, seconds, billable_seconds, hourly_rate, rate_currency, hourly_cost, cost_currency)
           SELECT $1, ${PRICE_KEYS.join(', ')}, want_seconds - held_seconds, want_billable_seconds - held_billable_seconds, new_rate, new_rate_currency, new_cost, new_cost_currency
             FROM drift ORDER BY ${PRICE_KEYS.join(', ')}
           ON CONFLICT (organization_id, ${PRICE_KEYS.join(', ')}) DO UPDATE SET
             seconds = p.seconds + EXCLUDED.seconds, billable_seconds = p.billable_seconds + EXCLUDED.billable_seconds, hourly_rate = EXCLUDED.hourly_rate,
             rate_currency = EXCLUDED.rate_currency, hourly_cost = EXCLUDED.hourly_cost, cost_currency = EXCLUDED.cost_currency, updated_at = now()
           RETURNING 1)`
      : '';
    const [{ differing }] = await manager.query(`WITH ${priceDriftCte(repair)}${fix} SELECT count(*)::int AS differing FROM drift`, [organizationId, from, to]);
    return differing;
  }

  /** Removes keys of the range that fell to zero (reports ignore them; this keeps the tables small). */
  async pruneZeros(manager: EntityManager, organizationId: string, from: string, to: string): Promise<void> {
    await manager.query(
      `DELETE FROM time_rollups WHERE organization_id = $1 AND day >= $2::date AND day < $3::date AND entries = 0 AND seconds = 0 AND score_sum = 0 AND score_seconds = 0`,
      [organizationId, from, to],
    );
    // Locked in key order first, the order in which committing writers lock them.
    await manager.query(
      `DELETE FROM time_rollup_prices WHERE (organization_id, id) IN (
         SELECT organization_id, id FROM time_rollup_prices
          WHERE organization_id = $1 AND day >= $2::date AND day < $3::date AND seconds = 0 AND billable_seconds = 0
          ORDER BY ${PRICE_KEYS.join(', ')} FOR UPDATE)`,
      [organizationId, from, to],
    );
    for (const { table, keys, figures } of [...SPAN_TABLES, ...PRICED_SPAN_TABLES]) {
      await manager.query(
        `DELETE FROM ${table} WHERE (organization_id, id) IN (
           SELECT organization_id, id FROM ${table}
            WHERE organization_id = $1 AND ${AROUND} AND ${Object.keys(figures).map((f) => `${f} = 0`).join(' AND ')}
            ORDER BY span, span_start, ${keys.join(', ')} FOR UPDATE)`,
        [organizationId, from, to],
      );
    }
  }
}
