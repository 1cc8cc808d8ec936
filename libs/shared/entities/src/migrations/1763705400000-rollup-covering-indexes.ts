import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each span rollup table's key, with the figures the reports sum beside it (INCLUDE), so a
 * report's buckets are read from the index alone (an index-only scan) instead of one heap page
 * per row: a year-long range is about 14 buckets of up to one row per deal (or person) each, and
 * those rows lie on as many different pages. The key stays the unique key of the triggers'
 * `ON CONFLICT` (INCLUDE columns are not part of it). The figures being indexed, a rollup update
 * is no longer a heap-only update; measured on the full bench seed, single-entry writes with their
 * triggers ran at the same rate.
 */
const TABLES = [
  { table: 'time_rollups_by_deal', key: 'organization_id, span, span_start, deal_id, account_id', figures: 'entries, seconds, billable_seconds' },
  { table: 'time_rollups_by_user', key: 'organization_id, span, span_start, user_id', figures: 'entries, seconds, billable_seconds, score_sum, score_seconds' },
  { table: 'time_rollups_priced_by_deal', key: 'organization_id, span, span_start, deal_id, account_id, currency', figures: 'billable_seconds, costed_seconds, value_rate_seconds, cost_rate_seconds' },
  { table: 'time_rollups_priced_by_user', key: 'organization_id, span, span_start, user_id, currency', figures: 'billable_seconds, costed_seconds, value_rate_seconds, cost_rate_seconds' },
];

/**
 * An index-only scan still visits the heap for pages not marked all-visible, which every rollup
 * update clears: these tables are vacuumed after 2 % of their rows changed (the default is 20 %),
 * so the visibility map keeps up with a steady stream of entries. They are small beside the
 * entries they sum.
 */
const AUTOVACUUM = 'autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02';

export class RollupCoveringIndexes1763705400000 implements MigrationInterface {
  name = 'RollupCoveringIndexes1763705400000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, key, figures } of TABLES) await this.replaceKey(q, table, `(${key}) INCLUDE (${figures})`);
    for (const { table } of TABLES) await q.query(`ALTER TABLE ${table} SET (${AUTOVACUUM})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of TABLES) await q.query(`ALTER TABLE ${table} RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)`);
    for (const { table, key } of TABLES) await this.replaceKey(q, table, `(${key})`);
  }

  /** Builds the key index anew with `columns`, then puts it in the old one's place (same name). */
  private async replaceKey(q: QueryRunner, table: string, columns: string): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX ${table}_key_new ON ${table} ${columns} NULLS NOT DISTINCT`);
    await q.query(`DROP INDEX ${table}_key_idx`);
    await q.query(`ALTER INDEX ${table}_key_new RENAME TO ${table}_key_idx`);
  }
}
