import { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_TABLES = ['accounts', 'contacts', 'deals', 'tasks'] as const;

/**
 * A `cf.<key>` list filter is `custom_fields @> {...}` beside the list's keyset order. PostgreSQL
 * chooses between walking the (organization_id, created_at, id) index backwards, filtering every
 * row, and the GIN (jsonb_path_ops) bitmap of the matches sorted for the page, by its estimate of
 * how many rows match; it estimates containment from the column's most common values. With the
 * default 100 of them, a rare pair of select values (1 contact in 1,300 of 1M) was estimated 2.4×
 * too common, and the page walked 60,000 rows (about 300 ms) instead of sorting its 750 matches.
 * 1,000 most common values make such estimates near exact (docs/custom-fields.md, Performance).
 */
export class CustomFieldStatistics1763705000000 implements MigrationInterface {
  name = 'CustomFieldStatistics1763705000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN custom_fields SET STATISTICS 1000`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN custom_fields SET STATISTICS -1`);
  }
}
