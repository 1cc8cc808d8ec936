import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk edits: one change to up to 10,000 accounts, contacts, deals or tasks. The row keeps the
 * selection (resolved to ids when it was accepted, in order), the patch, who asked (the worker
 * runs as them) and the progress: `done` moves with each committed batch, so a run that
 * restarts resumes after it.
 */
export class BulkEdits1763703400000 implements MigrationInterface {
  name = 'BulkEdits1763703400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulk_edits (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('accounts', 'contacts', 'deals', 'tasks')),
        patch jsonb NOT NULL,
        record_ids uuid[] NOT NULL,
        total integer NOT NULL CHECK (total BETWEEN 1 AND 10000),
        done integer NOT NULL DEFAULT 0 CHECK (done BETWEEN 0 AND total),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        error text,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'integration')),
        actor_id uuid NOT NULL,
        actor_role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX bulk_edits_unfinished_idx ON bulk_edits (organization_id, created_at) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bulk_edits`);
  }
}
