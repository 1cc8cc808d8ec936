import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last scored state of each open deal's health (its signal codes) and each account's churn
 * risk band, so that the worker's scoring emits `deal.health_changed` and
 * `account.churn_risk_changed` once per change and not on every run. Keyed like every tenant
 * table, (organization_id, id), with one row per deal or account (the unique keys the upserts use).
 */
export class InsightStates1763704600000 implements MigrationInterface {
  name = 'InsightStates1763704600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deal_health_states (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        deal_id uuid NOT NULL,
        codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT deal_health_states_deal_key UNIQUE (organization_id, deal_id),
        CONSTRAINT deal_health_states_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE account_churn_states (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('high', 'medium', 'low')),
        risk numeric(5, 4) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT account_churn_states_account_key UNIQUE (organization_id, account_id),
        CONSTRAINT account_churn_states_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_churn_states`);
    await q.query(`DROP TABLE deal_health_states`);
  }
}
