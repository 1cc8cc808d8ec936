import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `principal_changed` notifications: a user whose role or active flag changes, or who is
 * deleted, is announced (as `organization_id:id`) when the change commits, whatever wrote it.
 * Every api process listens and drops that user from its principal cache at once.
 */
export class PrincipalChanges1763702200000 implements MigrationInterface {
  name = 'PrincipalChanges1763702200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION users_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM pg_notify('principal_changed', OLD.organization_id::text || ':' || OLD.id::text);
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER users_principal_changed_update AFTER UPDATE OF role, is_active, organization_id ON users FOR EACH ROW
        WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
        EXECUTE FUNCTION users_principal_changed()`);
    await q.query(`CREATE TRIGGER users_principal_changed_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_principal_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_principal_changed_delete ON users`);
    await q.query(`DROP TRIGGER users_principal_changed_update ON users`);
    await q.query(`DROP FUNCTION users_principal_changed()`);
  }
}
