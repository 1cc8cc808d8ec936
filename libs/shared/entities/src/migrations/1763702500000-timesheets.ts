import { MigrationInterface, QueryRunner } from 'typeorm';

/** The facts an approval vouches for: changing any of them on an approved entry is refused. */
const LOCKED_COLUMNS = ['user_id', 'deal_id', 'task_id', 'account_id', 'project_name', 'tags', 'start_time', 'end_time', 'duration_seconds', 'activity_type', 'billable', 'mapping_status'];

/**
 * Timesheet approval. Organizations choose their period (`timesheet_period`: `week`, starting
 * Monday, or `month`; UTC days) and whether invoices take approved time only
 * (`invoices_require_approval`). A timesheet is one person's period (`period_start`,
 * `period_end` exclusive) with its status (open, submitted, approved, rejected) and the last
 * decision's comment. Approving stamps the period's entries with `approved_timesheet_id`;
 * reopening clears it. A trigger refuses changing an approved entry's facts or deleting it on
 * every write path (SQLSTATE CW409, answered 409, naming the timesheet); the paths that should
 * skip locked entries rather than fail (agent updates, re-mapping, retention) filter on the
 * column first. Sync conflicts may now record a time entry (an agent's update of a locked
 * entry), which has no sync record.
 */
export class Timesheets1763702500000 implements MigrationInterface {
  name = 'Timesheets1763702500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN timesheet_period text NOT NULL DEFAULT 'week' CHECK (timesheet_period IN ('week', 'month')),
                                             ADD COLUMN invoices_require_approval boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE timesheets (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'approved', 'rejected')),
        comment text,
        submitted_at timestamptz(3),
        submitted_by uuid,
        decided_at timestamptz(3),
        decided_by uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT timesheets_period_key UNIQUE (organization_id, user_id, period_start),
        CONSTRAINT timesheets_period_check CHECK (period_end > period_start),
        CONSTRAINT timesheets_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX timesheets_status_idx ON timesheets (organization_id, status, period_start, id)`);

    await q.query(`ALTER TABLE time_entries ADD COLUMN approved_timesheet_id uuid,
      ADD CONSTRAINT time_entries_timesheet_fk FOREIGN KEY (organization_id, approved_timesheet_id) REFERENCES timesheets (organization_id, id) ON DELETE SET NULL (approved_timesheet_id)`);
    await q.query(`CREATE INDEX time_entries_timesheet_idx ON time_entries (organization_id, approved_timesheet_id) WHERE approved_timesheet_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION time_entries_timesheet_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = OLD.organization_id) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'Time entry % is locked by approved timesheet %; an admin must reopen that timesheet before it can change', OLD.id, OLD.approved_timesheet_id
          USING ERRCODE = 'CW409';
      END $$`);
    await q.query(`
      CREATE TRIGGER time_entries_timesheet_lock_update BEFORE UPDATE ON time_entries FOR EACH ROW
      WHEN (OLD.approved_timesheet_id IS NOT NULL AND (${LOCKED_COLUMNS.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ')}))
      EXECUTE FUNCTION time_entries_timesheet_lock()`);
    await q.query(`
      CREATE TRIGGER time_entries_timesheet_lock_delete BEFORE DELETE ON time_entries FOR EACH ROW
      WHEN (OLD.approved_timesheet_id IS NOT NULL)
      EXECUTE FUNCTION time_entries_timesheet_lock()`);

    await q.query(`ALTER TABLE sync_conflicts ALTER COLUMN sync_record_id DROP NOT NULL`);
    await q.query(`ALTER TABLE sync_conflicts DROP CONSTRAINT sync_conflicts_record_type_check`);
    await q.query(`ALTER TABLE sync_conflicts ADD CONSTRAINT sync_conflicts_record_type_check CHECK (record_type IN ('deal', 'task', 'time_entry'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sync_conflicts WHERE record_type = 'time_entry'`);
    await q.query(`ALTER TABLE sync_conflicts DROP CONSTRAINT sync_conflicts_record_type_check`);
    await q.query(`ALTER TABLE sync_conflicts ADD CONSTRAINT sync_conflicts_record_type_check CHECK (record_type IN ('deal', 'task'))`);
    await q.query(`ALTER TABLE sync_conflicts ALTER COLUMN sync_record_id SET NOT NULL`);
    await q.query(`DROP TRIGGER time_entries_timesheet_lock_delete ON time_entries`);
    await q.query(`DROP TRIGGER time_entries_timesheet_lock_update ON time_entries`);
    await q.query(`DROP FUNCTION time_entries_timesheet_lock()`);
    await q.query(`ALTER TABLE time_entries DROP COLUMN approved_timesheet_id`);
    await q.query(`DROP TABLE timesheets`);
    await q.query(`ALTER TABLE organizations DROP COLUMN timesheet_period, DROP COLUMN invoices_require_approval`);
  }
}
