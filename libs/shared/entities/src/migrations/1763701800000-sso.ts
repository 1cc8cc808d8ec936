import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each organization's OpenID Connect provider (found by the organization's id or its SSO slug), and a daily request quota per API key. */
export class Sso1763701800000 implements MigrationInterface {
  name = 'Sso1763701800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_configs (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        slug text CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        issuer_url text NOT NULL,
        client_id text NOT NULL,
        client_secret text NOT NULL,
        allowed_domains text[] NOT NULL DEFAULT '{}',
        default_role text NOT NULL DEFAULT 'sales' CHECK (default_role IN ('admin', 'manager', 'sales', 'support')),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX sso_configs_organization_key ON sso_configs (organization_id)`);
    await q.query(`CREATE UNIQUE INDEX sso_configs_slug_key ON sso_configs (slug) WHERE slug IS NOT NULL`);
    await q.query(`ALTER TABLE api_keys ADD COLUMN daily_quota integer CHECK (daily_quota > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys DROP COLUMN daily_quota`);
    await q.query(`DROP TABLE sso_configs`);
  }
}
