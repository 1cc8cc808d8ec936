import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports carry their file to the worker through PostgreSQL (api and worker need not share a
 * filesystem): `import_chunks` holds the bytes in ≤ 1 MiB pieces, written with the `imports` row
 * and deleted when the import finishes. Imports also remember the headers they ignored and the
 * API key that started them (the worker writes the audit rows in that caller's name). Imports
 * match accounts by name case-insensitively, hence the lower(name) index.
 */
export class ImportChunks1763700600000 implements MigrationInterface {
  name = 'ImportChunks1763700600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_chunks (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        import_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL CHECK (octet_length(data) <= 1048576),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT import_chunks_seq_key UNIQUE (organization_id, import_id, seq),
        FOREIGN KEY (organization_id, import_id) REFERENCES imports (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      ALTER TABLE imports
        ADD COLUMN unmapped_headers text[] NOT NULL DEFAULT '{}',
        ADD COLUMN created_by_api_key_id uuid,
        ADD CONSTRAINT imports_api_key_fk FOREIGN KEY (organization_id, created_by_api_key_id)
          REFERENCES api_keys (organization_id, id) ON DELETE SET NULL (created_by_api_key_id)`);
    await q.query(`CREATE INDEX accounts_name_lower_idx ON accounts (organization_id, lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accounts_name_lower_idx`);
    await q.query(`ALTER TABLE imports DROP CONSTRAINT imports_api_key_fk, DROP COLUMN created_by_api_key_id, DROP COLUMN unmapped_headers`);
    await q.query(`DROP TABLE import_chunks`);
  }
}
