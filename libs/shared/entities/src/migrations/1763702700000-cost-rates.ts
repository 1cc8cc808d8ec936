import { MigrationInterface, QueryRunner } from 'typeorm';

const NO_ID = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Cost rates: the internal cost of an hour of one user (`level = 'user'`) or of every user of a
 * role (`level = 'role'`, the user's current role), effective-dated like the hourly rates
 * (non-overlapping periods per scope, an exclusion constraint). A user's own rate comes before
 * the rate of the role (`precedence` 1, 2). The profitability report prices each day's time
 * with the rate in effect on that UTC day.
 */
export class CostRates1763702700000 implements MigrationInterface {
  name = 'CostRates1763702700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cost_rates (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        level text NOT NULL CHECK (level IN ('user', 'role')),
        user_id uuid,
        role text CHECK (role IN ('admin', 'manager', 'sales', 'support')),
        hourly_cost numeric(14, 2) NOT NULL CHECK (hourly_cost >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        valid_from date NOT NULL,
        valid_to date,
        precedence smallint GENERATED ALWAYS AS (CASE level WHEN 'user' THEN 1 ELSE 2 END) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT cost_rates_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT cost_rates_scope_check CHECK (
          (level = 'user' AND user_id IS NOT NULL AND role IS NULL) OR (level = 'role' AND role IS NOT NULL AND user_id IS NULL)),
        CONSTRAINT cost_rates_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        CONSTRAINT cost_rates_no_overlap EXCLUDE USING gist (
          organization_id WITH =, level WITH =, (coalesce(user_id, ${NO_ID})) WITH =, (coalesce(role, '')) WITH =,
          (daterange(valid_from, valid_to, '[]')) WITH &&)
      )`);
    await q.query(`CREATE INDEX cost_rates_created_idx ON cost_rates (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX cost_rates_user_idx ON cost_rates (organization_id, user_id, valid_from) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX cost_rates_role_idx ON cost_rates (organization_id, role, valid_from) WHERE role IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cost_rates`);
  }
}
