import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way sync with the productivity platform: one sync record per CRM deal or task and
 * integration (the remote id, the last synced values and both sides' timestamps, and the
 * pending push with its retry schedule: the durable record, Bull only schedules), and the
 * conflicts list (the losing value of a field both sides changed since the last sync).
 */
export class ProductivitySync1763701600000 implements MigrationInterface {
  name = 'ProductivitySync1763701600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sync_records (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        integration_id uuid NOT NULL,
        record_type text NOT NULL CHECK (record_type IN ('deal', 'task')),
        record_id uuid NOT NULL,
        remote_id text,
        snapshot jsonb,
        crm_updated_at timestamptz(3),
        remote_updated_at timestamptz(3),
        synced_at timestamptz(3),
        push_pending boolean NOT NULL DEFAULT false,
        revision integer NOT NULL DEFAULT 0,
        push_requested_at timestamptz(3),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3),
        lease_token uuid,
        lease_until timestamptz(3),
        last_status_code integer,
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT sync_records_integration_fk FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX sync_records_record_idx ON sync_records (organization_id, integration_id, record_type, record_id)`);
    await q.query(`CREATE INDEX sync_records_by_record_idx ON sync_records (organization_id, record_type, record_id)`);
    // The push sweeper's queue across organizations (like webhook deliveries).
    await q.query(`CREATE INDEX sync_records_due_idx ON sync_records (next_attempt_at) WHERE push_pending`);

    await q.query(`
      CREATE TABLE sync_conflicts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        sync_record_id uuid NOT NULL,
        record_type text NOT NULL CHECK (record_type IN ('deal', 'task')),
        record_id uuid NOT NULL,
        field text NOT NULL,
        crm_value jsonb,
        remote_value jsonb,
        crm_updated_at timestamptz(3),
        remote_updated_at timestamptz(3) NOT NULL,
        winner text NOT NULL CHECK (winner IN ('crm', 'remote')),
        resolved_at timestamptz(3),
        resolved_by uuid,
        resolution text CHECK (resolution IN ('crm', 'remote')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT sync_conflicts_record_fk FOREIGN KEY (organization_id, sync_record_id) REFERENCES sync_records (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sync_conflicts_list_idx ON sync_conflicts (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX sync_conflicts_open_idx ON sync_conflicts (organization_id, created_at, id) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX sync_conflicts_record_idx ON sync_conflicts (organization_id, sync_record_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sync_conflicts`);
    await q.query(`DROP TABLE sync_records`);
  }
}
