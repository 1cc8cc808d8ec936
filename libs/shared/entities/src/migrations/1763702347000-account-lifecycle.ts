import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account lifecycle: password-reset tokens, invitations and pending (unverified) signups. Every
 * token is stored as its SHA-256 only; each row is single use (`used_at`/`accepted_at`) and
 * expires. A pending signup belongs to the organization it created; the organization has no user
 * until the address is verified, and housekeeping deletes both once the link has expired.
 *
 * `users.tokens_valid_after`: access tokens of the user issued before it are refused (a password
 * change or reset ends the other sessions at once, not when their JWTs expire), except those of
 * `tokens_kept_session` (the session that changed the password). A change of it is announced
 * like a role change, so every api process drops its cached principal.
 */
export class AccountLifecycle1763702347000 implements MigrationInterface {
  name = 'AccountLifecycle1763702347000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_reset_tokens (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX password_reset_tokens_hash_key ON password_reset_tokens (token_hash)`);
    await q.query(`CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (organization_id, user_id) WHERE used_at IS NULL`);
    await q.query(`
      CREATE TABLE user_invitations (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'sales', 'support')),
        token_hash text NOT NULL,
        invited_by uuid,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, invited_by) REFERENCES users (organization_id, id) ON DELETE SET NULL (invited_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX user_invitations_hash_key ON user_invitations (token_hash)`);
    await q.query(`CREATE INDEX user_invitations_pending_idx ON user_invitations (organization_id, created_at, id) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE signup_verifications (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX signup_verifications_hash_key ON signup_verifications (token_hash)`);
    await q.query(`CREATE INDEX signup_verifications_email_idx ON signup_verifications (lower(email))`);
    await q.query(`CREATE INDEX signup_verifications_expires_idx ON signup_verifications (expires_at)`);
    await q.query(`ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz, ADD COLUMN tokens_kept_session uuid`);
    await q.query(`DROP TRIGGER users_principal_changed_update ON users`);
    await q.query(`
      CREATE TRIGGER users_principal_changed_update AFTER UPDATE OF role, is_active, organization_id, tokens_valid_after ON users FOR EACH ROW
        WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
              OR OLD.tokens_valid_after IS DISTINCT FROM NEW.tokens_valid_after)
        EXECUTE FUNCTION users_principal_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_principal_changed_update ON users`);
    await q.query(`
      CREATE TRIGGER users_principal_changed_update AFTER UPDATE OF role, is_active, organization_id ON users FOR EACH ROW
        WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
        EXECUTE FUNCTION users_principal_changed()`);
    await q.query(`ALTER TABLE users DROP COLUMN tokens_valid_after, DROP COLUMN tokens_kept_session`);
    await q.query(`DROP TABLE signup_verifications`);
    await q.query(`DROP TABLE user_invitations`);
    await q.query(`DROP TABLE password_reset_tokens`);
  }
}
