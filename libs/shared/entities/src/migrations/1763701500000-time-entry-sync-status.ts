import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sync_status` back to `pending` on every versioned change of a time entry, whatever wrote it
 * (ingestion, webhooks, PATCH, assignment, re-mapping): each such write also records an outbox
 * event, and the worker sets `synced` once it has processed the event of the current version.
 */
export class TimeEntrySyncStatus1763701500000 implements MigrationInterface {
  name = 'TimeEntrySyncStatus1763701500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION time_entries_sync_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version <> OLD.version THEN
          NEW.sync_status := 'pending';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER time_entries_sync_pending BEFORE UPDATE OF version ON time_entries FOR EACH ROW EXECUTE FUNCTION time_entries_sync_pending()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER time_entries_sync_pending ON time_entries`);
    await q.query(`DROP FUNCTION time_entries_sync_pending()`);
  }
}
