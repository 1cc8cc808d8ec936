import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deal budgets: an hours budget, a money budget (in the deal's currency) or both, for the deal's
 * life or per calendar month (UTC); the organization's alert thresholds (percent, default
 * 50/80/100); and one row per alert fired, unique per (deal, budget kind, period, threshold), so
 * that concurrent checks (INSERT ... ON CONFLICT DO NOTHING) fire each alert once.
 */
export class DealBudgets1763702800000 implements MigrationInterface {
  name = 'DealBudgets1763702800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deals
        ADD COLUMN hours_budget numeric(10, 2) CHECK (hours_budget > 0),
        ADD COLUMN money_budget numeric(18, 2) CHECK (money_budget > 0),
        ADD COLUMN budget_period text NOT NULL DEFAULT 'life' CHECK (budget_period IN ('life', 'month'))`);
    await q.query(`CREATE INDEX deals_budget_idx ON deals (organization_id, id) WHERE hours_budget IS NOT NULL OR money_budget IS NOT NULL`);
    await q.query(`
      ALTER TABLE organizations
        ADD COLUMN budget_thresholds smallint[] NOT NULL DEFAULT '{50,80,100}'
        CHECK (cardinality(budget_thresholds) BETWEEN 1 AND 10 AND 0 < ALL (budget_thresholds) AND 1000 >= ALL (budget_thresholds))`);
    await q.query(`
      CREATE TABLE deal_budget_alerts (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        deal_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('hours', 'money')),
        period text NOT NULL,
        threshold smallint NOT NULL,
        used numeric(18, 2) NOT NULL,
        budget numeric(18, 2) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT deal_budget_alerts_once UNIQUE (organization_id, deal_id, kind, period, threshold),
        CONSTRAINT deal_budget_alerts_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deal_budget_alerts`);
    await q.query(`ALTER TABLE organizations DROP COLUMN budget_thresholds`);
    await q.query(`DROP INDEX deals_budget_idx`);
    await q.query(`ALTER TABLE deals DROP COLUMN budget_period, DROP COLUMN money_budget, DROP COLUMN hours_budget`);
  }
}
