import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identities users signed in with through their organization's SSO: after the first login a
 * user is found by (issuer, subject), never by email again. One subject per organization and
 * issuer, and one subject per user and issuer.
 */
export class SsoIdentities1763702417000 implements MigrationInterface {
  name = 'SsoIdentities1763702417000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_identities (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        issuer text NOT NULL,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_login_at timestamptz(3),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX sso_identities_subject_key ON sso_identities (organization_id, issuer, subject)`);
    await q.query(`CREATE UNIQUE INDEX sso_identities_user_key ON sso_identities (organization_id, issuer, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_identities`);
  }
}
