import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time entries from the productivity agents, the Idempotency-Key store of the ingestion API,
 * and the per-day counters of personal time (personal entries are counted, never stored).
 */
export class TimeEntries1763700700000 implements MigrationInterface {
  name = 'TimeEntries1763700700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE time_entries (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        external_id text,
        user_id uuid,
        employee_id text,
        deal_id uuid,
        task_id uuid,
        account_id uuid,
        project_name text,
        tags text[] NOT NULL DEFAULT '{}',
        start_time timestamptz(3) NOT NULL,
        end_time timestamptz(3) NOT NULL,
        duration_seconds integer NOT NULL CHECK (duration_seconds >= 0),
        activity_type text NOT NULL CHECK (activity_type IN ('app', 'website', 'manual')),
        productivity_score numeric(4, 3) NOT NULL CHECK (productivity_score >= 0 AND productivity_score <= 1),
        source text NOT NULL CHECK (source IN ('agent', 'manual')),
        mapping_status text NOT NULL CHECK (mapping_status IN ('mapped', 'unmapped')),
        mapping_rule text,
        unmapped_reason text,
        sync_status text NOT NULL DEFAULT 'pending' CHECK (sync_status IN ('synced', 'pending')),
        source_updated_at timestamptz(3),
        billable boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK (end_time > start_time),
        CONSTRAINT time_entries_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (user_id),
        CONSTRAINT time_entries_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE SET NULL (deal_id),
        CONSTRAINT time_entries_task_fk FOREIGN KEY (organization_id, task_id) REFERENCES tasks (organization_id, id) ON DELETE SET NULL (task_id),
        CONSTRAINT time_entries_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE SET NULL (account_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX time_entries_external_idx ON time_entries (organization_id, external_id) WHERE external_id IS NOT NULL`);
    await q.query(`CREATE INDEX time_entries_start_idx ON time_entries (organization_id, start_time, id)`);
    await q.query(`CREATE INDEX time_entries_deal_idx ON time_entries (organization_id, deal_id, start_time, id) WHERE deal_id IS NOT NULL`);
    await q.query(`CREATE INDEX time_entries_task_idx ON time_entries (organization_id, task_id, start_time, id) WHERE task_id IS NOT NULL`);
    await q.query(`CREATE INDEX time_entries_user_idx ON time_entries (organization_id, user_id, start_time, id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX time_entries_account_idx ON time_entries (organization_id, account_id, start_time, id) WHERE account_id IS NOT NULL`);
    await q.query(`CREATE INDEX time_entries_unmapped_idx ON time_entries (organization_id, start_time, id) WHERE mapping_status = 'unmapped'`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL DEFAULT 'in_flight' CHECK (status IN ('in_flight', 'completed')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        PRIMARY KEY (organization_id, id),
        UNIQUE (organization_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);

    await q.query(`
      CREATE TABLE personal_time_counters (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        day date NOT NULL,
        employee_id text NOT NULL DEFAULT '',
        user_id uuid,
        entries integer NOT NULL DEFAULT 0 CHECK (entries >= 0),
        seconds bigint NOT NULL DEFAULT 0 CHECK (seconds >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT personal_time_counters_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX personal_time_counters_person_idx ON personal_time_counters (organization_id, day, employee_id, coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personal_time_counters`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE time_entries`);
  }
}
