import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `custom_fields_changed` notifications: any insert, update or delete of an organization's
 * custom field definitions announces the organization's id when it commits, whatever wrote it
 * (one notice per organization and transaction: PostgreSQL folds equal ones). Every process that
 * keeps definitions for its list filters hears it on its change feed and drops them at once.
 */
export class CustomFieldChanges1763705200000 implements MigrationInterface {
  name = 'CustomFieldChanges1763705200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION custom_field_definitions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('custom_fields_changed', COALESCE(NEW.organization_id, OLD.organization_id)::text);
        IF TG_OP = 'UPDATE' AND NEW.organization_id IS DISTINCT FROM OLD.organization_id THEN
          PERFORM pg_notify('custom_fields_changed', OLD.organization_id::text);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER custom_field_definitions_changed AFTER INSERT OR UPDATE OR DELETE ON custom_field_definitions
        FOR EACH ROW EXECUTE FUNCTION custom_field_definitions_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER custom_field_definitions_changed ON custom_field_definitions`);
    await q.query(`DROP FUNCTION custom_field_definitions_changed()`);
  }
}
