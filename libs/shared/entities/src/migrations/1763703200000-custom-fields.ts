import { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_TABLES = ['accounts', 'contacts', 'deals', 'tasks'] as const;

/**
 * Custom fields (docs/custom-fields.md): their definitions per organization and record type,
 * and the values in a `custom_fields` jsonb column of accounts, contacts, deals and tasks,
 * keyed by the field's stable key (never its label, so a rename keeps the data). List filters
 * are jsonb containment (`custom_fields @> '{"key": value}'`), answered by a GIN
 * (jsonb_path_ops) index on each table, ANDed with the organization's own indexes.
 */
export class CustomFields1763703200000 implements MigrationInterface {
  name = 'CustomFields1763703200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_field_definitions (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        record_type text NOT NULL CHECK (record_type IN ('account', 'contact', 'deal', 'task')),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        label text NOT NULL,
        type text NOT NULL CHECK (type IN ('text', 'number', 'money', 'date', 'single_select', 'multi_select', 'checkbox', 'url', 'user')),
        required boolean NOT NULL DEFAULT false,
        options jsonb NOT NULL DEFAULT '[]',
        position integer NOT NULL DEFAULT 0,
        deleted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT custom_field_definitions_key_unique UNIQUE (organization_id, record_type, key)
      )`);
    await q.query(`CREATE INDEX custom_field_definitions_deleted_idx ON custom_field_definitions (organization_id, deleted_at) WHERE deleted_at IS NOT NULL`);
    for (const table of RECORD_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}'::jsonb`);
      await q.query(`CREATE INDEX ${table}_custom_fields_idx ON ${table} USING gin (custom_fields jsonb_path_ops)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) {
      await q.query(`DROP INDEX ${table}_custom_fields_idx`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN custom_fields`);
    }
    await q.query(`DROP TABLE custom_field_definitions`);
  }
}
