import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrations with the productivity platform (each with its encrypted Standard Webhooks signing
 * secret and, during a rotation's grace period, the previous one), and the receipts of the
 * webhooks they sent: one row per `webhook-id`, written in the transaction that processed it,
 * so a redelivered webhook is recognised and processed once.
 */
export class Integrations1763700900000 implements MigrationInterface {
  name = 'Integrations1763700900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integrations (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        provider text NOT NULL CHECK (provider IN ('productivity')),
        name text NOT NULL,
        base_url text,
        enabled boolean NOT NULL DEFAULT true,
        signing_secret text NOT NULL CHECK (signing_secret LIKE 'enc:%'),
        previous_signing_secret text CHECK (previous_signing_secret LIKE 'enc:%'),
        previous_secret_expires_at timestamptz(3),
        last_event_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK ((previous_signing_secret IS NULL) = (previous_secret_expires_at IS NULL))
      )`);
    await q.query(`CREATE INDEX integrations_created_idx ON integrations (organization_id, created_at, id)`);
    // The webhook URL carries only the integration's id (the sender knows no organization).
    await q.query(`CREATE INDEX integrations_id_idx ON integrations (id)`);

    await q.query(`
      CREATE TABLE webhook_receipts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        integration_id uuid NOT NULL,
        webhook_id text NOT NULL,
        type text NOT NULL,
        received_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT webhook_receipts_once UNIQUE (organization_id, integration_id, webhook_id),
        CONSTRAINT webhook_receipts_integration_fk FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX webhook_receipts_received_idx ON webhook_receipts (organization_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_receipts`);
    await q.query(`DROP TABLE integrations`);
  }
}
