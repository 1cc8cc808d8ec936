import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upkeep of ingestion data. `sync_status` back to `pending` on every versioned change of a time entry, whatever wrote it
 * (ingestion, webhooks, PATCH, assignment, re-mapping): each such write also records an outbox
 * event, and the worker sets `synced` once it has processed the event of the current version.
 * An index to prune old webhook receipts (the webhook-id dedupe window) across organizations.
 * And the hashed external ids of personal entries, so a re-sent one is not counted twice (the
 * entries themselves are never stored).
 */
export class IngestionUpkeep1763701500000 implements MigrationInterface {
  name = 'IngestionUpkeep1763701500000';

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
    await q.query(`CREATE INDEX webhook_receipts_prune_idx ON webhook_receipts (received_at)`);
    await q.query(`
      CREATE TABLE personal_entry_keys (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key_hash bytea NOT NULL,
        day date NOT NULL,
        PRIMARY KEY (organization_id, id),
        CONSTRAINT personal_entry_keys_once UNIQUE (organization_id, key_hash)
      )`);
    await q.query(`CREATE INDEX personal_entry_keys_day_idx ON personal_entry_keys (day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personal_entry_keys`);
    await q.query(`DROP INDEX webhook_receipts_prune_idx`);
    await q.query(`DROP TRIGGER time_entries_sync_pending ON time_entries`);
    await q.query(`DROP FUNCTION time_entries_sync_pending()`);
  }
}
