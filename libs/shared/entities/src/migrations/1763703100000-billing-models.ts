import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing models of deals (docs/billing-models.md): `hourly` (the default, as before), `fixed`
 * (milestones with amounts and dates, invoiced once reached) or `retainer` (hours per month at a
 * price, overage at a rate, unused hours rolled over for up to N months). Money is integer cents.
 * Invoice lines gain a kind (time, milestone, retainer, overage) and the retainer month they bill;
 * organizations gain the time zone their retainer months are counted in.
 */
export class BillingModels1763703100000 implements MigrationInterface {
  name = 'BillingModels1763703100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN timezone text NOT NULL DEFAULT 'UTC'`);
    await q.query(`
      ALTER TABLE deals
        ADD COLUMN billing_model text NOT NULL DEFAULT 'hourly' CHECK (billing_model IN ('hourly', 'fixed', 'retainer')),
        ADD COLUMN retainer_hours_per_month numeric(10, 2) CHECK (retainer_hours_per_month > 0),
        ADD COLUMN retainer_price_cents bigint CHECK (retainer_price_cents >= 0),
        ADD COLUMN retainer_overage_rate_cents bigint CHECK (retainer_overage_rate_cents >= 0),
        ADD COLUMN retainer_rollover_months smallint CHECK (retainer_rollover_months BETWEEN 0 AND 24),
        ADD COLUMN retainer_starts_on date,
        ADD CONSTRAINT deals_retainer_complete CHECK (billing_model <> 'retainer' OR (retainer_hours_per_month IS NOT NULL AND retainer_price_cents IS NOT NULL
          AND retainer_overage_rate_cents IS NOT NULL AND retainer_rollover_months IS NOT NULL AND retainer_starts_on IS NOT NULL))`);
    await q.query(`
      CREATE TABLE deal_milestones (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        deal_id uuid NOT NULL,
        name text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'reached', 'invoiced')),
        reached_on date,
        invoice_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT deal_milestones_state CHECK ((status = 'planned') = (reached_on IS NULL) AND (status = 'invoiced') = (invoice_id IS NOT NULL)),
        CONSTRAINT deal_milestones_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT deal_milestones_invoice_fk FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id)
      )`);
    await q.query(`CREATE INDEX deal_milestones_deal_idx ON deal_milestones (organization_id, deal_id, due_on, id)`);
    await q.query(`CREATE INDEX deal_milestones_invoice_idx ON deal_milestones (organization_id, invoice_id) WHERE invoice_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE invoice_lines
        ADD COLUMN kind text NOT NULL DEFAULT 'time' CHECK (kind IN ('time', 'milestone', 'retainer', 'overage')),
        ADD COLUMN milestone_id uuid,
        ADD COLUMN retainer_month date`);
    await q.query(`CREATE INDEX invoice_lines_retainer_idx ON invoice_lines (organization_id, deal_id, retainer_month) WHERE kind = 'retainer'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoice_lines_retainer_idx`);
    await q.query(`ALTER TABLE invoice_lines DROP COLUMN retainer_month, DROP COLUMN milestone_id, DROP COLUMN kind`);
    await q.query(`DROP TABLE deal_milestones`);
    await q.query(`
      ALTER TABLE deals DROP CONSTRAINT deals_retainer_complete, DROP COLUMN retainer_starts_on, DROP COLUMN retainer_rollover_months,
        DROP COLUMN retainer_overage_rate_cents, DROP COLUMN retainer_price_cents, DROP COLUMN retainer_hours_per_month, DROP COLUMN billing_model`);
    await q.query(`ALTER TABLE organizations DROP COLUMN timezone`);
  }
}
