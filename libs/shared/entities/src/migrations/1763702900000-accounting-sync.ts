import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connected accounting: one connection per organization and provider (the OAuth client and
 * its URLs, the tokens sealed with FieldCipher), and one push per issued invoice and
 * connection with its attempt log, the provider's id of the invoice and the paid status read
 * back from it.
 */
export class AccountingSync1763702900000 implements MigrationInterface {
  name = 'AccountingSync1763702900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounting_connections (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        provider text NOT NULL CHECK (provider IN ('generic-oauth')),
        status text NOT NULL CHECK (status IN ('pending', 'connected')),
        authorize_url text NOT NULL,
        token_url text NOT NULL,
        api_url text NOT NULL,
        revoke_url text,
        client_id text NOT NULL,
        client_secret text NOT NULL,
        scopes text NOT NULL DEFAULT '',
        access_token text,
        refresh_token text,
        expires_at timestamptz(3),
        connected_by uuid,
        connected_at timestamptz(3),
        last_error text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX accounting_connections_provider_key ON accounting_connections (organization_id, provider)`);
    await q.query(`
      CREATE TABLE accounting_pushes (
        organization_id uuid NOT NULL,
        id uuid NOT NULL,
        connection_id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        attempt_log jsonb NOT NULL DEFAULT '[]'::jsonb,
        last_error text,
        external_id text,
        external_status text,
        paid_read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, connection_id) REFERENCES accounting_connections (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX accounting_pushes_invoice_key ON accounting_pushes (organization_id, connection_id, invoice_id)`);
    await q.query(`CREATE INDEX accounting_pushes_unpaid_idx ON accounting_pushes (organization_id, connection_id) WHERE state = 'succeeded' AND paid_read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accounting_pushes`);
    await q.query(`DROP TABLE accounting_connections`);
  }
}
