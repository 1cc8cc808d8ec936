import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM's records: accounts and contacts grow owners, search and list indexes; deals with
 * their stage history; tasks; notes and attachments on any of them; CSV imports.
 *
 * Notes and attachments hang off exactly one parent through one foreign key per parent type
 * (a CHECK keeps exactly one set), so the database still refuses a cross-organization link.
 * Search uses pg_trgm (typo-tolerant) with btree_gin, so each GIN index leads with
 * organization_id.
 */
export class Records1763700200000 implements MigrationInterface {
  name = 'Records1763700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await q.query(`ALTER TABLE accounts ADD COLUMN owner_id uuid, ADD COLUMN domain text`);
    await q.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (owner_id)`);
    await q.query(`CREATE INDEX accounts_created_idx ON accounts (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX accounts_updated_idx ON accounts (organization_id, updated_at, id)`);
    await q.query(`CREATE INDEX accounts_name_idx ON accounts (organization_id, name, id)`);
    await q.query(`CREATE INDEX accounts_owner_idx ON accounts (organization_id, owner_id, created_at, id)`);
    await q.query(`CREATE INDEX accounts_domain_idx ON accounts (organization_id, lower(domain)) WHERE domain IS NOT NULL`);
    await q.query(`CREATE INDEX accounts_name_trgm_idx ON accounts USING gin (organization_id, name gin_trgm_ops)`);

    await q.query(`CREATE INDEX contacts_created_idx ON contacts (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX contacts_updated_idx ON contacts (organization_id, updated_at, id)`);
    await q.query(`CREATE INDEX contacts_last_name_idx ON contacts (organization_id, last_name, id)`);
    await q.query(`CREATE INDEX contacts_owner_idx ON contacts (organization_id, owner_id, created_at, id)`);
    await q.query(`CREATE INDEX contacts_email_idx ON contacts (organization_id, lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (organization_id, (coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '')) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE deals (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        account_id uuid,
        name text NOT NULL,
        description text,
        value numeric(18, 2) NOT NULL DEFAULT 0 CHECK (value >= 0),
        currency char(3) NOT NULL DEFAULT 'USD',
        stage text NOT NULL DEFAULT 'prospecting'
          CHECK (stage IN ('prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost')),
        owner_id uuid,
        start_date date,
        end_date date,
        closed_at timestamptz,
        close_reason text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        CONSTRAINT deals_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE SET NULL (account_id),
        CONSTRAINT deals_owner_fk FOREIGN KEY (organization_id, owner_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (owner_id)
      )`);
    await q.query(`CREATE INDEX deals_created_idx ON deals (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX deals_updated_idx ON deals (organization_id, updated_at, id)`);
    await q.query(`CREATE INDEX deals_name_idx ON deals (organization_id, name, id)`);
    await q.query(`CREATE INDEX deals_value_idx ON deals (organization_id, value, id)`);
    await q.query(`CREATE INDEX deals_stage_idx ON deals (organization_id, stage, created_at, id)`);
    await q.query(`CREATE INDEX deals_account_idx ON deals (organization_id, account_id, created_at, id)`);
    await q.query(`CREATE INDEX deals_owner_idx ON deals (organization_id, owner_id, created_at, id)`);
    await q.query(`CREATE INDEX deals_name_trgm_idx ON deals USING gin (organization_id, name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE deal_stage_history (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        deal_id uuid NOT NULL,
        from_stage text,
        to_stage text NOT NULL,
        changed_by uuid,
        entered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX deal_stage_history_deal_idx ON deal_stage_history (organization_id, deal_id, entered_at)`);

    await q.query(`
      CREATE TABLE tasks (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        deal_id uuid,
        title text NOT NULL,
        description text,
        assigned_to uuid,
        status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'blocked', 'done')),
        priority text NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
        due_date timestamptz,
        estimated_hours numeric(8, 2) CHECK (estimated_hours IS NULL OR estimated_hours >= 0),
        completed_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT tasks_deal_fk FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE SET NULL (deal_id),
        CONSTRAINT tasks_assignee_fk FOREIGN KEY (organization_id, assigned_to) REFERENCES users (organization_id, id) ON DELETE SET NULL (assigned_to)
      )`);
    await q.query(`CREATE INDEX tasks_created_idx ON tasks (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX tasks_updated_idx ON tasks (organization_id, updated_at, id)`);
    await q.query(`CREATE INDEX tasks_due_idx ON tasks (organization_id, due_date, id)`);
    await q.query(`CREATE INDEX tasks_assignee_idx ON tasks (organization_id, assigned_to, status, created_at, id)`);
    await q.query(`CREATE INDEX tasks_deal_idx ON tasks (organization_id, deal_id, created_at, id)`);
    await q.query(`CREATE INDEX tasks_status_idx ON tasks (organization_id, status, created_at, id)`);

    for (const table of ['notes', 'attachments']) {
      const own =
        table === 'notes'
          ? `body text NOT NULL, is_private boolean NOT NULL DEFAULT false,`
          : `file_name text NOT NULL, content_type text NOT NULL, size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
             storage_key text NOT NULL, sha256 text NOT NULL,`;
      await q.query(`
        CREATE TABLE ${table} (
          organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
          id uuid NOT NULL,
          parent_type text NOT NULL CHECK (parent_type IN ('account', 'contact', 'deal', 'task')),
          account_id uuid,
          contact_id uuid,
          deal_id uuid,
          task_id uuid,
          ${own}
          author_id uuid,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (organization_id, id),
          CHECK (num_nonnulls(account_id, contact_id, deal_id, task_id) = 1),
          CHECK ((parent_type = 'account') = (account_id IS NOT NULL) AND (parent_type = 'contact') = (contact_id IS NOT NULL)
             AND (parent_type = 'deal') = (deal_id IS NOT NULL) AND (parent_type = 'task') = (task_id IS NOT NULL)),
          FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id) ON DELETE CASCADE,
          FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id) ON DELETE CASCADE,
          FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id) ON DELETE CASCADE,
          FOREIGN KEY (organization_id, task_id) REFERENCES tasks (organization_id, id) ON DELETE CASCADE,
          FOREIGN KEY (organization_id, author_id) REFERENCES users (organization_id, id) ON DELETE SET NULL (author_id)
        )`);
      for (const parent of ['account', 'contact', 'deal', 'task']) {
        await q.query(`CREATE INDEX ${table}_${parent}_idx ON ${table} (organization_id, ${parent}_id, created_at, id) WHERE ${parent}_id IS NOT NULL`);
      }
    }

    await q.query(`
      CREATE TABLE imports (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('accounts', 'contacts')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed')),
        file_name text NOT NULL,
        storage_key text NOT NULL,
        mapping jsonb NOT NULL DEFAULT '{}'::jsonb,
        total_rows integer,
        processed_rows integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        failure text,
        created_by uuid,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        FOREIGN KEY (organization_id, created_by) REFERENCES users (organization_id, id) ON DELETE SET NULL (created_by)
      )`);
    await q.query(`CREATE INDEX imports_created_idx ON imports (organization_id, created_at, id)`);
    await this.setTimestampPrecision(q, 3);
  }

  /**
   * Keyset cursors carry timestamps as JavaScript dates (milliseconds); stored at microsecond
   * precision, rows of the same millisecond would repeat across pages. Every timestamp is
   * therefore kept at millisecond precision.
   */
  private async setTimestampPrecision(q: QueryRunner, precision: 3 | 6): Promise<void> {
    const columns: { table_name: string; column_name: string }[] = await q.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type = 'timestamp with time zone' AND table_name <> 'schema_migrations'`,
    );
    for (const { table_name, column_name } of columns) {
      await q.query(`ALTER TABLE "${table_name}" ALTER COLUMN "${column_name}" TYPE timestamptz(${precision})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await this.setTimestampPrecision(q, 6);
    await q.query(`DROP TABLE imports`);
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE notes`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP TABLE deal_stage_history`);
    await q.query(`DROP TABLE deals`);
    for (const index of ['created', 'updated', 'last_name', 'owner', 'email', 'search_trgm']) await q.query(`DROP INDEX contacts_${index}_idx`);
    for (const index of ['created', 'updated', 'name', 'owner', 'domain', 'name_trgm']) await q.query(`DROP INDEX accounts_${index}_idx`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_owner_fk`);
    await q.query(`ALTER TABLE accounts DROP COLUMN owner_id, DROP COLUMN domain`);
  }
}
