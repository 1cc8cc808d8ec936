import { MigrationInterface, QueryRunner } from 'typeorm';

/** The span levels, in days: a bucket of span s starts on a day whose number since 1970-01-01 is a multiple of s. */
const SPANS = '{1,4,16,64,256}';
const FIGURES = 'entries, seconds, billable_seconds';
const SCORES = 'score_sum, score_seconds';

/** The per-row contribution of time entries in a transition table (`sign` 1 adds, -1 subtracts). */
const contribution = (table: string, sign: 1 | -1) => `
  SELECT organization_id, (start_time AT TIME ZONE 'UTC')::date AS day, deal_id, account_id, user_id,
         ${sign}::bigint AS entries, ${sign} * duration_seconds::bigint AS seconds,
         CASE WHEN billable THEN ${sign} * duration_seconds::bigint ELSE 0 END AS billable_seconds,
         ${sign} * productivity_score AS score_sum, ${sign} * productivity_score * duration_seconds AS score_seconds
    FROM ${table}`;

/**
 * Parks a statement's delta, summed per organization, UTC day, deal, account and user, as one
 * row of arrays per organization in time_rollup_pending (a plain insert: no lock on any span
 * row). Keys whose delta is zero are left out; organizations being deleted are skipped.
 */
const park = (parts: string[]) => `
  INSERT INTO time_rollup_pending (organization_id, days, deal_ids, account_ids, user_ids, ${FIGURES}, score_sums, score_seconds)
  SELECT g.organization_id, array_agg(g.day), array_agg(g.deal_id), array_agg(g.account_id), array_agg(g.user_id),
         array_agg(g.entries), array_agg(g.seconds), array_agg(g.billable_seconds), array_agg(g.score_sum), array_agg(g.score_seconds)
    FROM (SELECT d.organization_id, d.day, d.deal_id, d.account_id, d.user_id,
                 sum(d.entries)::bigint AS entries, sum(d.seconds)::bigint AS seconds, sum(d.billable_seconds)::bigint AS billable_seconds,
                 sum(d.score_sum) AS score_sum, sum(d.score_seconds) AS score_seconds
            FROM (${parts.join(' UNION ALL ')}) d
            JOIN organizations o ON o.id = d.organization_id
           GROUP BY d.organization_id, d.day, d.deal_id, d.account_id, d.user_id
          HAVING sum(d.entries) <> 0 OR sum(d.seconds) <> 0 OR sum(d.billable_seconds) <> 0 OR sum(d.score_sum) <> 0 OR sum(d.score_seconds) <> 0) g
   GROUP BY g.organization_id`;

/** Adds day-level rows (`source` with columns organization_id, day, the keys and the figures) to every span level of a table, in key order. */
const addToSpans = (table: string, keys: string[], figures: string[], source: string) => `
  INSERT INTO ${table} AS r (organization_id, span, span_start, ${keys.join(', ')}, ${figures.join(', ')})
  SELECT d.organization_id, s.span, time_span_start(d.day, s.span), ${keys.map((k) => `d.${k}`).join(', ')}, ${figures.map((f) => `sum(d.${f})`).join(', ')}
    FROM ${source}
   CROSS JOIN unnest('${SPANS}'::smallint[]) s(span)
   GROUP BY 1, 2, 3, ${keys.map((_, i) => i + 4).join(', ')}
  HAVING ${figures.map((f) => `sum(d.${f}) <> 0`).join(' OR ')}
   ORDER BY 1, 2, 3, ${keys.map((_, i) => i + 4).join(', ')}
  ON CONFLICT (organization_id, span, span_start, ${keys.join(', ')}) DO UPDATE SET
    ${figures.map((f) => `${f} = r.${f} + EXCLUDED.${f}`).join(', ')}, updated_at = now()`;

const DEAL_FIGURES = FIGURES.split(', ');
const USER_FIGURES = [...DEAL_FIGURES, ...SCORES.split(', ')];
/** The rows parked by the current transaction, unnested (`arrays` of time_rollup_pending p, named `columns`). */
const parkedRows = (arrays: string, columns: string) => `
    (SELECT p.organization_id, u.* FROM time_rollup_pending p CROSS JOIN LATERAL unnest(${arrays}) AS u(${columns}) WHERE p.tx = txid_current()) d`;

const triggerFunction = (name: string, body: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    ${body};
    RETURN NULL;
  END
  $fn$`;

/**
 * Span rollups for fast time reports over any range of UTC days. time_rollups_by_deal holds,
 * per organization, span level, bucket, deal and account, the entries, seconds and billable
 * seconds; time_rollups_by_user the same per user plus the productivity-score sums. The span
 * levels are 1, 4, 16, 64 and 256 days, each bucket aligned on a multiple of its span counted
 * from 1970-01-01 (time_span_start), so every bucket is exactly four buckets of the level below
 * and any range of days is a handful of buckets (a year: about 7 to 14 buckets instead of 365
 * days, each bucket ~1 row per deal or user).
 *
 * Kept exact by PostgreSQL, like time_rollups, but applied at commit: the statement-level
 * triggers on time_entries only park the statement's delta in time_rollup_pending, and a
 * deferred constraint trigger adds the transaction's parked deltas to every level just before
 * it commits, then removes them. A span row (one per deal per month, shared by every batch)
 * is therefore locked only for the few milliseconds of the commit, not for the rest of an
 * ingestion transaction (audit rows, outbox events), so concurrent batches do not queue
 * behind each other. Each transaction applies all of its deltas in one key-ordered pass per
 * table (deals, then users), so two committing transactions cannot deadlock.
 * Existing entries are rolled up here (backfill).
 */
export class TimeRollupSpans1763701900000 implements MigrationInterface {
  name = 'TimeRollupSpans1763701900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION time_span_start(day date, span integer) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $fn$ SELECT day - (((day - DATE '1970-01-01') % span) + span) % span $fn$`);
    const spanTable = (table: string, keys: string, extra: string) => `
      CREATE TABLE ${table} (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        span smallint NOT NULL CHECK (span IN (1, 4, 16, 64, 256)),
        span_start date NOT NULL CHECK (span_start = time_span_start(span_start, span)),
        ${keys},
        entries bigint NOT NULL DEFAULT 0,
        seconds bigint NOT NULL DEFAULT 0,
        billable_seconds bigint NOT NULL DEFAULT 0,${extra}
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      ) WITH (fillfactor = 80)`;
    // No foreign keys on deal/account/user: a deleted record's time moves to the null key.
    await q.query(spanTable('time_rollups_by_deal', 'deal_id uuid,\n        account_id uuid', ''));
    await q.query(spanTable('time_rollups_by_user', 'user_id uuid', '\n        score_sum numeric NOT NULL DEFAULT 0,\n        score_seconds numeric NOT NULL DEFAULT 0,'));
    await q.query(`CREATE UNIQUE INDEX time_rollups_by_deal_key_idx ON time_rollups_by_deal (organization_id, span, span_start, deal_id, account_id) NULLS NOT DISTINCT`);
    await q.query(`CREATE UNIQUE INDEX time_rollups_by_user_key_idx ON time_rollups_by_user (organization_id, span, span_start, user_id) NULLS NOT DISTINCT`);
    await q.query(`
      CREATE TABLE time_rollup_pending (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tx bigint NOT NULL DEFAULT txid_current(),
        days date[] NOT NULL,
        deal_ids uuid[] NOT NULL,
        account_ids uuid[] NOT NULL,
        user_ids uuid[] NOT NULL,
        entries bigint[] NOT NULL,
        seconds bigint[] NOT NULL,
        billable_seconds bigint[] NOT NULL,
        score_sums numeric[] NOT NULL,
        score_seconds numeric[] NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);

    await q.query(triggerFunction('time_rollup_spans_on_insert', park([contribution('new_rows', 1)])));
    await q.query(triggerFunction('time_rollup_spans_on_update', park([contribution('new_rows', 1), contribution('old_rows', -1)])));
    await q.query(triggerFunction('time_rollup_spans_on_delete', park([contribution('old_rows', -1)])));
    await q.query(triggerFunction('time_rollup_spans_on_truncate', 'DELETE FROM time_rollups_by_deal; DELETE FROM time_rollups_by_user; DELETE FROM time_rollup_pending'));
    await q.query(`CREATE TRIGGER time_rollup_spans_insert AFTER INSERT ON time_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION time_rollup_spans_on_insert()`);
    await q.query(
      `CREATE TRIGGER time_rollup_spans_update AFTER UPDATE ON time_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION time_rollup_spans_on_update()`,
    );
    await q.query(`CREATE TRIGGER time_rollup_spans_delete AFTER DELETE ON time_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION time_rollup_spans_on_delete()`);
    await q.query(`CREATE TRIGGER time_rollup_spans_truncate AFTER TRUNCATE ON time_entries FOR EACH STATEMENT EXECUTE FUNCTION time_rollup_spans_on_truncate()`);

    // At commit, once per parked row: the first call applies (and removes) all of the
    // transaction's parked rows, later calls find theirs gone.
    await q.query(`
      CREATE FUNCTION time_rollup_pending_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM time_rollup_pending WHERE organization_id = NEW.organization_id AND id = NEW.id) THEN
          RETURN NULL;
        END IF;
        ${addToSpans('time_rollups_by_deal', ['deal_id', 'account_id'], DEAL_FIGURES, parkedRows('p.days, p.deal_ids, p.account_ids, p.entries, p.seconds, p.billable_seconds', 'day, deal_id, account_id, entries, seconds, billable_seconds'))};
        ${addToSpans('time_rollups_by_user', ['user_id'], USER_FIGURES, parkedRows('p.days, p.user_ids, p.entries, p.seconds, p.billable_seconds, p.score_sums, p.score_seconds', 'day, user_id, entries, seconds, billable_seconds, score_sum, score_seconds'))};
        DELETE FROM time_rollup_pending WHERE tx = txid_current();
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER time_rollup_pending_apply AFTER INSERT ON time_rollup_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION time_rollup_pending_apply()`,
    );

    // Backfill. The triggers above already hold time_entries against writers until this
    // migration commits, so nothing is counted twice or missed. One pass over the entries, per
    // UTC day and key, feeds both tables (sorted in memory where the server allows).
    await q.query(`SET LOCAL work_mem = '256MB'`);
    await q.query(`
      CREATE TEMPORARY TABLE time_rollup_spans_backfill AS
      SELECT organization_id, (start_time AT TIME ZONE 'UTC')::date AS day, deal_id, account_id, user_id,
             count(*)::bigint AS entries, sum(duration_seconds)::bigint AS seconds,
             coalesce(sum(duration_seconds) FILTER (WHERE billable), 0)::bigint AS billable_seconds,
             sum(productivity_score) AS score_sum, sum(productivity_score * duration_seconds) AS score_seconds
        FROM time_entries
       GROUP BY 1, 2, 3, 4, 5`);
    await q.query(addToSpans('time_rollups_by_deal', ['deal_id', 'account_id'], DEAL_FIGURES, 'time_rollup_spans_backfill d'));
    await q.query(addToSpans('time_rollups_by_user', ['user_id'], USER_FIGURES, 'time_rollup_spans_backfill d'));
    await q.query(`DROP TABLE time_rollup_spans_backfill`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER time_rollup_spans_${t} ON time_entries`);
      await q.query(`DROP FUNCTION time_rollup_spans_on_${t}()`);
    }
    await q.query(`DROP TABLE time_rollup_pending`);
    await q.query(`DROP FUNCTION time_rollup_pending_apply()`);
    await q.query(`DROP TABLE time_rollups_by_user`);
    await q.query(`DROP TABLE time_rollups_by_deal`);
    await q.query(`DROP FUNCTION time_span_start(date, integer)`);
  }
}
