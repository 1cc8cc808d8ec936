import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manager-defined mapping rules of time entries. A rule goes when its deal, task or user goes
 * (it could no longer map anything); it needs at least one criterion and one target.
 */
export class MappingRules1763700800000 implements MigrationInterface {
  name = 'MappingRules1763700800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mapping_rules (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        name text NOT NULL,
        priority integer NOT NULL DEFAULT 100,
        enabled boolean NOT NULL DEFAULT true,
        project_name text,
        project_match text NOT NULL DEFAULT 'equals' CHECK (project_match IN ('equals', 'contains')),
        tags text[] NOT NULL DEFAULT '{}',
        user_id uuid,
        employee_id text,
        activity_type text CHECK (activity_type IN ('app', 'website', 'manual')),
        deal_id uuid,
        task_id uuid,
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT mapping_rules_target_check CHECK (deal_id IS NOT NULL OR task_id IS NOT NULL),
        CONSTRAINT mapping_rules_criterion_check CHECK (
          project_name IS NOT NULL OR cardinality(tags) > 0 OR user_id IS NOT NULL OR employee_id IS NOT NULL OR activity_type IS NOT NULL),
        CONSTRAINT mapping_rules_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT mapping_rules_task_fk FOREIGN KEY (organization_id, task_id) REFERENCES tasks (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT mapping_rules_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT mapping_rules_created_by_fk FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id) ON DELETE SET NULL (created_by)
      )`);
    await q.query(`CREATE INDEX mapping_rules_priority_idx ON mapping_rules (organization_id, priority, id)`);
    await q.query(`CREATE INDEX mapping_rules_created_idx ON mapping_rules (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX mapping_rules_deal_idx ON mapping_rules (organization_id, deal_id) WHERE deal_id IS NOT NULL`);
    await q.query(`CREATE INDEX mapping_rules_task_idx ON mapping_rules (organization_id, task_id) WHERE task_id IS NOT NULL`);
    await q.query(`CREATE INDEX mapping_rules_user_idx ON mapping_rules (organization_id, user_id) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mapping_rules`);
  }
}
