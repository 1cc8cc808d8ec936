import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insights, mapping suggestions: the review decisions of an organization (time entries a
 * reviewer mapped by hand) are read newest first, at most 5,000, on every request for
 * suggestions; this partial index keeps that read off the organization's whole time log.
 */
export class MappingDecisions1763704100000 implements MigrationInterface {
  name = 'MappingDecisions1763704100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX time_entries_manual_decisions_idx ON time_entries (organization_id, updated_at DESC, id DESC) WHERE mapping_rule = 'manual' AND deal_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX time_entries_manual_decisions_idx`);
  }
}
