import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mapping that learns (docs/insights.md, "Rule precision", "Suggested rules", "Auto-apply"):
 * - every time entry keeps the mapping rule that last mapped it and the deal and task it mapped
 *   it to (`rule_origin_*`), set by a trigger on every write path (ingestion in SQL, re-mapping),
 *   so that a later reassignment by a person does not erase which rule was wrong;
 * - the organization's auto-apply setting and its confidence threshold;
 * - suggested rules an admin or manager dismissed (one row per pattern and deal).
 */
export class MappingLearning1763704700000 implements MigrationInterface {
  name = 'MappingLearning1763704700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE time_entries ADD COLUMN rule_origin_id uuid, ADD COLUMN rule_origin_deal_id uuid, ADD COLUMN rule_origin_task_id uuid`);
    await q.query(`
      CREATE FUNCTION time_entries_rule_origin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.mapping_rule LIKE 'rule:%' THEN
          NEW.rule_origin_id := substring(NEW.mapping_rule FROM 6)::uuid;
          NEW.rule_origin_deal_id := NEW.deal_id;
          NEW.rule_origin_task_id := NEW.task_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER time_entries_rule_origin_insert BEFORE INSERT ON time_entries FOR EACH ROW
      WHEN (NEW.mapping_rule LIKE 'rule:%') EXECUTE FUNCTION time_entries_rule_origin()`);
    await q.query(`
      CREATE TRIGGER time_entries_rule_origin_update BEFORE UPDATE ON time_entries FOR EACH ROW
      WHEN (NEW.mapping_rule LIKE 'rule:%' AND (OLD.mapping_rule IS DISTINCT FROM NEW.mapping_rule OR OLD.deal_id IS DISTINCT FROM NEW.deal_id OR OLD.task_id IS DISTINCT FROM NEW.task_id))
      EXECUTE FUNCTION time_entries_rule_origin()`);
    await q.query(`UPDATE time_entries SET rule_origin_id = substring(mapping_rule FROM 6)::uuid, rule_origin_deal_id = deal_id, rule_origin_task_id = task_id WHERE mapping_rule LIKE 'rule:%'`);
    await q.query(`CREATE INDEX time_entries_rule_origin_idx ON time_entries (organization_id, rule_origin_id) WHERE rule_origin_id IS NOT NULL`);

    await q.query(`ALTER TABLE organizations ADD COLUMN auto_apply_suggestions boolean NOT NULL DEFAULT false,
                                             ADD COLUMN suggestion_confidence_threshold numeric(4, 3) NOT NULL DEFAULT 0.9
                                               CHECK (suggestion_confidence_threshold BETWEEN 0.5 AND 1)`);
    await q.query(`
      CREATE TABLE suggested_rule_dismissals (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('project_name', 'tag', 'activity_type', 'employee_id', 'user_id')),
        value text NOT NULL,
        deal_id uuid NOT NULL,
        dismissed_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT suggested_rule_dismissals_key UNIQUE (organization_id, kind, value, deal_id),
        CONSTRAINT suggested_rule_dismissals_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE suggested_rule_dismissals`);
    await q.query(`ALTER TABLE organizations DROP COLUMN suggestion_confidence_threshold, DROP COLUMN auto_apply_suggestions`);
    await q.query(`DROP TRIGGER time_entries_rule_origin_update ON time_entries`);
    await q.query(`DROP TRIGGER time_entries_rule_origin_insert ON time_entries`);
    await q.query(`DROP FUNCTION time_entries_rule_origin()`);
    await q.query(`ALTER TABLE time_entries DROP COLUMN rule_origin_task_id, DROP COLUMN rule_origin_deal_id, DROP COLUMN rule_origin_id`);
  }
}
