import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search matches an account's name and domain typo-tolerantly in one GIN trigram index on
 * `name || ' ' || domain` (leading with organization_id like the other search indexes): one
 * indexed expression keeps the plan a small BitmapOr over one index, as for contacts.
 */
export class Search1763700400000 implements MigrationInterface {
  name = 'Search1763700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX accounts_search_trgm_idx ON accounts USING gin (organization_id, (name || ' ' || coalesce(domain, '')) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accounts_search_trgm_idx`);
  }
}
