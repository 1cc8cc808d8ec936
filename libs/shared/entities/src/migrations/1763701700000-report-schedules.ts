import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled email reports (a user's report, sent daily, weekly or monthly in a time zone to a
 * list of recipients) and report exports built by the worker (status, progress, the stored
 * file). The worker finds due schedules across organizations by next_run_at, and old export
 * files by created_at, hence the two indexes without organization_id (like the pending-email one).
 */
export class ReportSchedules1763701700000 implements MigrationInterface {
  name = 'ReportSchedules1763701700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_schedules (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        report text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
        weekday smallint CHECK (weekday BETWEEN 1 AND 7),
        day_of_month smallint CHECK (day_of_month BETWEEN 1 AND 31),
        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
        timezone text NOT NULL,
        recipients text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
        format text NOT NULL CHECK (format IN ('csv', 'pdf')),
        next_run_at timestamptz(3) NOT NULL,
        last_run_at timestamptz(3),
        last_status text CHECK (last_status IN ('sent', 'failed')),
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT report_schedules_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX report_schedules_user_idx ON report_schedules (organization_id, user_id, created_at, id)`);
    await q.query(`CREATE INDEX report_schedules_list_idx ON report_schedules (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at)`);

    await q.query(`
      CREATE TABLE report_exports (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        report text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        format text NOT NULL CHECK (format IN ('csv', 'pdf')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        storage_key text,
        file_name text,
        content_type text,
        size_bytes bigint,
        error text,
        completed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT report_exports_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX report_exports_user_idx ON report_exports (organization_id, user_id, created_at, id)`);
    await q.query(`CREATE INDEX report_exports_age_idx ON report_exports (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_exports`);
    await q.query(`DROP TABLE report_schedules`);
  }
}
