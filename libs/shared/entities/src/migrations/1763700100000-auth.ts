import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, refresh-token families, API keys and the audit log. */
export class Auth1763700100000 implements MigrationInterface {
  name = 'Auth1763700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        name text NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'sales', 'support')),
        linked_employee_id text,
        is_active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE UNIQUE INDEX users_employee_key ON users (organization_id, linked_employee_id) WHERE linked_employee_id IS NOT NULL`);
    await q.query(`CREATE INDEX users_created_idx ON users (organization_id, created_at, id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (organization_id, family_id)`);
    await q.query(`
      CREATE TABLE api_keys (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'sales', 'support')),
        rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id) ON DELETE SET NULL (created_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix)`);
    await q.query(`
      CREATE TABLE audit_logs (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        actor_type text NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        object_type text NOT NULL,
        object_id uuid,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX audit_logs_created_idx ON audit_logs (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_logs_object_idx ON audit_logs (organization_id, object_type, object_id, created_at DESC)`);
    await q.query(`CREATE INDEX audit_logs_actor_idx ON audit_logs (organization_id, actor_id, created_at DESC)`);
    await q.query(`
      ALTER TABLE contacts ADD CONSTRAINT contacts_owner_fk
        FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (owner_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts DROP CONSTRAINT contacts_owner_fk`);
    await q.query(`DROP TABLE audit_logs`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
  }
}
