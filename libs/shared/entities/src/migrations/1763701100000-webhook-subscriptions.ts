import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks: subscriptions (encrypted `whsec_` secret, and during a rotation's overlap
 * the previous one), one delivery per subscription and event (the durable record of what must
 * be sent, with its state, schedule and lease), and one row per attempt (the delivery log).
 */
export class WebhookSubscriptions1763701100000 implements MigrationInterface {
  name = 'WebhookSubscriptions1763701100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        url text NOT NULL,
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        description text,
        enabled boolean NOT NULL DEFAULT true,
        secret text NOT NULL CHECK (secret LIKE 'enc:%'),
        previous_secret text CHECK (previous_secret LIKE 'enc:%'),
        previous_secret_expires_at timestamptz(3),
        failing_since timestamptz(3),
        disabled_reason text,
        disabled_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_created_idx ON webhook_subscriptions (organization_id, created_at, id)`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        subscription_id uuid NOT NULL,
        event_id uuid,
        message_id text NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        round_attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3),
        lease_token uuid,
        lease_until timestamptz(3),
        last_status_code integer,
        last_error text,
        completed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT webhook_deliveries_subscription_fk FOREIGN KEY (organization_id, subscription_id) REFERENCES webhook_subscriptions (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_once UNIQUE (organization_id, subscription_id, event_id),
        CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (organization_id, subscription_id, created_at, id)`);
    // The worker's relay across organizations: due deliveries only (like outbox_events_pending_idx).
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`);

    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        delivery_id uuid NOT NULL,
        attempt integer NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        response_excerpt text,
        error text,
        succeeded boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT webhook_delivery_attempts_delivery_fk FOREIGN KEY (organization_id, delivery_id) REFERENCES webhook_deliveries (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (organization_id, delivery_id, attempt)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
