import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizations, the transactional outbox, and the first tenant tables. Tenant tables use
 * (organization_id, id) primary keys and organization-carrying foreign keys, so a row that
 * links two organizations is refused by the database itself.
 */
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE outbox_events (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        dispatch_count integer NOT NULL DEFAULT 0,
        processed_at timestamptz,
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE INDEX outbox_events_pending_idx ON outbox_events (created_at) WHERE processed_at IS NULL`);
    await q.query(`CREATE INDEX outbox_events_processed_idx ON outbox_events (processed_at) WHERE processed_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE accounts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        name text NOT NULL,
        industry text,
        address text,
        phone text,
        website text,
        primary_contact_id uuid,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`
      CREATE TABLE contacts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        account_id uuid,
        first_name text NOT NULL,
        last_name text,
        email text,
        phone text,
        job_title text,
        owner_id uuid,
        tags text[] NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT contacts_account_fk FOREIGN KEY (organization_id, account_id)
          REFERENCES accounts (organization_id, id) ON DELETE SET NULL (account_id)
      )`);
    await q.query(`CREATE INDEX contacts_account_idx ON contacts (organization_id, account_id)`);
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT accounts_primary_contact_fk
        FOREIGN KEY (organization_id, primary_contact_id)
        REFERENCES contacts (organization_id, id) ON DELETE SET NULL (primary_contact_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_primary_contact_fk`);
    await q.query(`DROP TABLE contacts`);
    await q.query(`DROP TABLE accounts`);
    await q.query(`DROP TABLE outbox_events`);
    await q.query(`DROP TABLE organizations`);
  }
}
