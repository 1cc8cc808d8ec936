import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention policies: per organization at most one per kind of record (time entries, audit
 * logs, notes), keep N months then delete or anonymize; the worker applies them and records
 * when and how many rows it last changed. Retention and GDPR erasure look audit rows up by
 * action (the erasure tombstones), hence the index.
 */
export class Retention1763701300000 implements MigrationInterface {
  name = 'Retention1763701300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retention_policies (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        kind text NOT NULL CHECK (kind IN ('time_entries', 'audit_logs', 'notes')),
        keep_months integer NOT NULL CHECK (keep_months BETWEEN 1 AND 1200),
        action text NOT NULL CHECK (action IN ('delete', 'anonymize')),
        updated_by uuid,
        last_applied_at timestamptz(3),
        last_affected integer,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT retention_policies_kind_key UNIQUE (organization_id, kind),
        CONSTRAINT retention_policies_updated_by_fk FOREIGN KEY (organization_id, updated_by) REFERENCES users (organization_id, id) ON DELETE SET NULL (updated_by)
      )`);
    await q.query(`CREATE INDEX audit_logs_action_idx ON audit_logs (organization_id, action, object_type, object_id)`);
    await q.query(`CREATE INDEX notes_created_idx ON notes (organization_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notes_created_idx`);
    await q.query(`DROP INDEX audit_logs_action_idx`);
    await q.query(`DROP TABLE retention_policies`);
  }
}
