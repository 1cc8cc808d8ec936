import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

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

  /** Removes keys of the range that fell to zero (reports ignore them; this keeps the table small). */
  async pruneZeros(manager: EntityManager, organizationId: string, from: string, to: string): Promise<void> {
    await manager.query(
      `DELETE FROM time_rollups WHERE organization_id = $1 AND day >= $2::date AND day < $3::date AND entries = 0 AND seconds = 0 AND score_sum = 0 AND score_seconds = 0`,
      [organizationId, from, to],
    );
  }
}
