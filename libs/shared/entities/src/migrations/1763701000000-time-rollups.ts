import { MigrationInterface, QueryRunner } from 'typeorm';

/** The rollup key: one row per organization, UTC day of start_time, deal, task, user, account and billable flag. */
const KEY = 'organization_id, day, deal_id, task_id, user_id, account_id, billable';

/** The per-row contribution of time entries in a transition table (`sign` 1 adds, -1 subtracts). */
const contribution = (table: string, sign: 1 | -1) => `
  SELECT organization_id, (start_time AT TIME ZONE 'UTC')::date AS day, deal_id, task_id, user_id, account_id, billable,
         ${sign}::bigint AS entries, ${sign} * duration_seconds::bigint AS seconds, ${sign} * productivity_score AS score_sum,
         ${sign} * productivity_score * duration_seconds AS score_seconds
    FROM ${table}`;

/**
 * Adds the summed delta of the given contributions to the rollups in one statement, ordered by
 * key (concurrent writers lock rollup rows in the same order). Keys whose delta is zero (an
 * update that moved nothing the rollups hold) are not touched. Organizations being deleted are
 * skipped (their rollups go with them).
 */
const applyDelta = (parts: string[]) => `
  INSERT INTO time_rollups AS r (${KEY}, entries, seconds, score_sum, score_seconds)
  SELECT d.organization_id, d.day, d.deal_id, d.task_id, d.user_id, d.account_id, d.billable,
         sum(d.entries), sum(d.seconds), sum(d.score_sum), sum(d.score_seconds)
    FROM (${parts.join(' UNION ALL ')}) d
    JOIN organizations o ON o.id = d.organization_id
   GROUP BY d.organization_id, d.day, d.deal_id, d.task_id, d.user_id, d.account_id, d.billable
  HAVING sum(d.entries) <> 0 OR sum(d.seconds) <> 0 OR sum(d.score_sum) <> 0 OR sum(d.score_seconds) <> 0
   ORDER BY d.organization_id, d.day, d.deal_id, d.task_id, d.user_id, d.account_id, d.billable
  ON CONFLICT (${KEY}) DO UPDATE SET
    entries = r.entries + EXCLUDED.entries, seconds = r.seconds + EXCLUDED.seconds,
    score_sum = r.score_sum + EXCLUDED.score_sum, score_seconds = r.score_seconds + EXCLUDED.score_seconds,
    updated_at = now()`;

const triggerFunction = (name: string, body: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body};
    RETURN NULL;
  END
  $fn$`;

/**
 * Time rollups: per (organization, UTC day, deal, task, user, account, billable) the number of
 * entries, seconds and productivity-score sums of the time entries, kept exact by PostgreSQL
 * itself. Statement-level AFTER INSERT / UPDATE / DELETE triggers with transition tables add
 * the new rows and subtract the old ones, so every write path is covered: ingestion (an
 * upsert fires the INSERT trigger for inserted rows and the UPDATE trigger for updated ones),
 * webhooks, re-mapping, assignment, PATCH, DELETE and the SET NULL cascades from deleting a
 * deal, task, user or account. Keys whose counts fall to zero stay at zero (reports ignore them).
 * Existing entries are rolled up here (backfill).
 */
export class TimeRollups1763701000000 implements MigrationInterface {
  name = 'TimeRollups1763701000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE time_rollups (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        day date NOT NULL,
        deal_id uuid,
        task_id uuid,
        user_id uuid,
        account_id uuid,
        billable boolean NOT NULL,
        entries bigint NOT NULL DEFAULT 0,
        seconds bigint NOT NULL DEFAULT 0,
        score_sum numeric NOT NULL DEFAULT 0,
        score_seconds numeric NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      ) WITH (fillfactor = 80)`);
    // No foreign keys on deal/task/user/account: the triggers move a deleted record's time to
    // the null key when the time entries' own SET NULL cascades run.
    await q.query(`CREATE UNIQUE INDEX time_rollups_key_idx ON time_rollups (${KEY}) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX time_rollups_deal_idx ON time_rollups (organization_id, deal_id, day)`);
    await q.query(`CREATE INDEX time_rollups_user_idx ON time_rollups (organization_id, user_id, day)`);
    await q.query(`CREATE INDEX time_rollups_account_idx ON time_rollups (organization_id, account_id, day)`);

    await q.query(triggerFunction('time_rollups_on_insert', applyDelta([contribution('new_rows', 1)])));
    await q.query(triggerFunction('time_rollups_on_update', applyDelta([contribution('new_rows', 1), contribution('old_rows', -1)])));
    await q.query(triggerFunction('time_rollups_on_delete', applyDelta([contribution('old_rows', -1)])));
    await q.query(triggerFunction('time_rollups_on_truncate', 'DELETE FROM time_rollups'));
    await q.query(`CREATE TRIGGER time_rollups_insert AFTER INSERT ON time_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION time_rollups_on_insert()`);
    await q.query(
      `CREATE TRIGGER time_rollups_update AFTER UPDATE ON time_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION time_rollups_on_update()`,
    );
    await q.query(`CREATE TRIGGER time_rollups_delete AFTER DELETE ON time_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION time_rollups_on_delete()`);
    await q.query(`CREATE TRIGGER time_rollups_truncate AFTER TRUNCATE ON time_entries FOR EACH STATEMENT EXECUTE FUNCTION time_rollups_on_truncate()`);

    // Backfill. The triggers above already hold time_entries against writers until this
    // migration commits, so nothing is counted twice or missed.
    await q.query(applyDelta([contribution('time_entries', 1)]));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER time_rollups_${t} ON time_entries`);
      await q.query(`DROP FUNCTION time_rollups_on_${t}()`);
    }
    await q.query(`DROP TABLE time_rollups`);
  }
}
