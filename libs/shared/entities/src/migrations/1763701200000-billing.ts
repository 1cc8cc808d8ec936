import { MigrationInterface, QueryRunner } from 'typeorm';

const NO_ID = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Billing: hourly rates (organization, account, deal, user, deal+user; non-overlapping effective
 * periods per scope), exchange rates by date, invoices with their lines, the per-organization
 * and year counter behind gapless invoice numbers, and the claims that put each time entry on
 * at most one live invoice (UNIQUE (organization_id, time_entry_id); voiding or deleting an
 * invoice removes its claims). A trigger refuses changing or deleting a claimed entry's billed
 * facts on every write path (SQLSTATE CW409, answered 409).
 */
export class Billing1763701200000 implements MigrationInterface {
  name = 'Billing1763701200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE billing_rates (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        level text NOT NULL CHECK (level IN ('organization', 'account', 'deal', 'user', 'deal_user')),
        account_id uuid,
        deal_id uuid,
        user_id uuid,
        hourly_rate numeric(14, 2) NOT NULL CHECK (hourly_rate >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        valid_from date NOT NULL,
        valid_to date,
        precedence smallint GENERATED ALWAYS AS (
          CASE level WHEN 'deal_user' THEN 1 WHEN 'deal' THEN 2 WHEN 'account' THEN 3 WHEN 'user' THEN 4 ELSE 5 END) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT billing_rates_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT billing_rates_scope_check CHECK (
          (level = 'organization' AND num_nonnulls(account_id, deal_id, user_id) = 0)
          OR (level = 'account' AND account_id IS NOT NULL AND num_nonnulls(deal_id, user_id) = 0)
          OR (level = 'deal' AND deal_id IS NOT NULL AND num_nonnulls(account_id, user_id) = 0)
          OR (level = 'user' AND user_id IS NOT NULL AND num_nonnulls(account_id, deal_id) = 0)
          OR (level = 'deal_user' AND deal_id IS NOT NULL AND user_id IS NOT NULL AND account_id IS NULL)),
        CONSTRAINT billing_rates_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT billing_rates_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT billing_rates_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT billing_rates_no_overlap EXCLUDE USING gist (
          organization_id WITH =, level WITH =, (coalesce(account_id, ${NO_ID})) WITH =, (coalesce(deal_id, ${NO_ID})) WITH =,
          (coalesce(user_id, ${NO_ID})) WITH =, (daterange(valid_from, valid_to, '[]')) WITH &&)
      )`);
    await q.query(`CREATE INDEX billing_rates_created_idx ON billing_rates (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX billing_rates_deal_idx ON billing_rates (organization_id, deal_id, user_id) WHERE deal_id IS NOT NULL`);
    await q.query(`CREATE INDEX billing_rates_user_idx ON billing_rates (organization_id, user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX billing_rates_account_idx ON billing_rates (organization_id, account_id) WHERE account_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE exchange_rates (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        base_currency text NOT NULL CHECK (base_currency ~ '^[A-Z]{3}$'),
        quote_currency text NOT NULL CHECK (quote_currency ~ '^[A-Z]{3}$'),
        rate numeric(20, 10) NOT NULL CHECK (rate > 0),
        rate_date date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK (base_currency <> quote_currency),
        CONSTRAINT exchange_rates_pair_date_key UNIQUE (organization_id, base_currency, quote_currency, rate_date)
      )`);
    await q.query(`CREATE INDEX exchange_rates_created_idx ON exchange_rates (organization_id, created_at, id)`);

    await q.query(`
      CREATE TABLE invoice_counters (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        year integer NOT NULL,
        last_number integer NOT NULL CHECK (last_number > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT invoice_counters_year_key UNIQUE (organization_id, year)
      )`);

    await q.query(`
      CREATE TABLE invoices (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        number text,
        status text NOT NULL CHECK (status IN ('draft', 'issued', 'paid', 'void')),
        account_id uuid,
        deal_id uuid,
        customer_name text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        invoice_date date NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        subtotal numeric(18, 2) NOT NULL,
        tax_rate_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (tax_rate_percent >= 0 AND tax_rate_percent <= 100),
        tax_amount numeric(18, 2) NOT NULL,
        total numeric(18, 2) NOT NULL,
        notes text,
        exchange_rates jsonb NOT NULL DEFAULT '[]'::jsonb,
        issued_at timestamptz(3),
        paid_at timestamptz(3),
        voided_at timestamptz(3),
        void_reason text,
        created_by uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK (period_to >= period_from),
        CHECK (total = subtotal + tax_amount),
        CONSTRAINT invoices_number_check CHECK ((number IS NULL) = (issued_at IS NULL)),
        CONSTRAINT invoices_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE SET NULL (account_id),
        CONSTRAINT invoices_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE SET NULL (deal_id),
        CONSTRAINT invoices_created_by_fk FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id) ON DELETE SET NULL (created_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX invoices_number_idx ON invoices (organization_id, number) WHERE number IS NOT NULL`);
    await q.query(`CREATE INDEX invoices_created_idx ON invoices (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX invoices_date_idx ON invoices (organization_id, invoice_date, id)`);
    await q.query(`CREATE INDEX invoices_account_idx ON invoices (organization_id, account_id, invoice_date) WHERE account_id IS NOT NULL`);
    await q.query(`CREATE INDEX invoices_deal_idx ON invoices (organization_id, deal_id) WHERE deal_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE invoice_lines (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        invoice_id uuid NOT NULL,
        position integer NOT NULL,
        description text NOT NULL,
        deal_id uuid,
        user_id uuid,
        seconds bigint NOT NULL CHECK (seconds >= 0),
        hours numeric(14, 2) NOT NULL,
        hourly_rate numeric(14, 2) NOT NULL,
        rate_currency text NOT NULL,
        rate_id uuid,
        rate_level text NOT NULL,
        exchange_rate numeric(20, 10) NOT NULL,
        exchange_rate_date date,
        amount numeric(18, 2) NOT NULL,
        time_entry_ids uuid[] NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT invoice_lines_position_key UNIQUE (organization_id, invoice_id, position),
        CONSTRAINT invoice_lines_invoice_fk FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT invoice_lines_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE SET NULL (deal_id),
        CONSTRAINT invoice_lines_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (user_id)
      )`);

    await q.query(`
      CREATE TABLE invoice_line_entries (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL,
        time_entry_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT invoice_line_entries_entry_key UNIQUE (organization_id, time_entry_id),
        CONSTRAINT invoice_line_entries_invoice_fk FOREIGN KEY (organization_id, invoice_id) REFERENCES invoices (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT invoice_line_entries_entry_fk FOREIGN KEY (organization_id, time_entry_id) REFERENCES time_entries (organization_id, id)
      )`);
    await q.query(`CREATE INDEX invoice_line_entries_invoice_idx ON invoice_line_entries (organization_id, invoice_id)`);

    await q.query(`
      CREATE FUNCTION time_entries_invoiced_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        invoice text;
      BEGIN
        SELECT coalesce(i.number, 'draft ' || i.id::text) INTO invoice
          FROM invoice_line_entries c JOIN invoices i ON i.organization_id = c.organization_id AND i.id = c.invoice_id
         WHERE c.organization_id = OLD.organization_id AND c.time_entry_id = OLD.id;
        IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = OLD.organization_id) THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'Time entry % is on invoice %; void or delete that invoice before changing or deleting it', OLD.id, invoice
          USING ERRCODE = 'CW409';
      END $$`);
    await q.query(`
      CREATE TRIGGER time_entries_invoiced_update BEFORE UPDATE ON time_entries FOR EACH ROW
      WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.user_id IS DISTINCT FROM NEW.user_id
         OR OLD.deal_id IS DISTINCT FROM NEW.deal_id OR OLD.account_id IS DISTINCT FROM NEW.account_id
         OR OLD.start_time IS DISTINCT FROM NEW.start_time OR OLD.end_time IS DISTINCT FROM NEW.end_time
         OR OLD.duration_seconds IS DISTINCT FROM NEW.duration_seconds OR OLD.billable IS DISTINCT FROM NEW.billable
         OR OLD.mapping_status IS DISTINCT FROM NEW.mapping_status)
      EXECUTE FUNCTION time_entries_invoiced_guard()`);
    await q.query(`CREATE TRIGGER time_entries_invoiced_delete BEFORE DELETE ON time_entries FOR EACH ROW EXECUTE FUNCTION time_entries_invoiced_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER time_entries_invoiced_delete ON time_entries`);
    await q.query(`DROP TRIGGER time_entries_invoiced_update ON time_entries`);
    await q.query(`DROP FUNCTION time_entries_invoiced_guard()`);
    await q.query(`DROP TABLE invoice_line_entries`);
    await q.query(`DROP TABLE invoice_lines`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE invoice_counters`);
    await q.query(`DROP TABLE exchange_rates`);
    await q.query(`DROP TABLE billing_rates`);
  }
}
