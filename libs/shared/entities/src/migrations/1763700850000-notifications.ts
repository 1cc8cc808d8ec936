import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (with their pending emails), the alert episodes of high/urgent tasks,
 * and when each task last changed status (kept by a trigger, so every writer maintains it).
 */
export class Notifications1763700850000 implements MigrationInterface {
  name = 'Notifications1763700850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        link text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        dedupe_key text,
        read_at timestamptz(3),
        email_status text CHECK (email_status IN ('pending', 'sent', 'skipped', 'failed')),
        email_attempts integer NOT NULL DEFAULT 0,
        emailed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT notifications_user_fk FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (organization_id, user_id, created_at, id)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (organization_id, user_id, created_at, id) WHERE read_at IS NULL`);
    // One unread notification per recipient and episode: recording the same key again updates it.
    await q.query(`CREATE UNIQUE INDEX notifications_dedupe_idx ON notifications (organization_id, user_id, dedupe_key) WHERE read_at IS NULL AND dedupe_key IS NOT NULL`);
    // The mailer's queue across organizations (like outbox_events_pending_idx).
    await q.query(`CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_status = 'pending'`);

    await q.query(`ALTER TABLE tasks ADD COLUMN status_changed_at timestamptz(3)`);
    await q.query(`UPDATE tasks SET status_changed_at = coalesce(completed_at, updated_at, created_at)`);
    await q.query(`ALTER TABLE tasks ALTER COLUMN status_changed_at SET DEFAULT now(), ALTER COLUMN status_changed_at SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION tasks_stamp_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.status_changed_at := now();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tasks_status_changed BEFORE UPDATE OF status ON tasks
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION tasks_stamp_status_change()`);
    // The alert scans read only open high/urgent tasks: small partial indexes.
    await q.query(`CREATE INDEX tasks_alert_due_idx ON tasks (organization_id, due_date) WHERE priority IN ('high', 'urgent') AND status <> 'done'`);
    await q.query(`CREATE INDEX tasks_alert_status_idx ON tasks (organization_id, status_changed_at) WHERE priority IN ('high', 'urgent') AND status <> 'done'`);

    await q.query(`
      CREATE TABLE task_alert_episodes (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        task_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('overdue', 'idle')),
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        ended_at timestamptz(3),
        PRIMARY KEY (organization_id, id),
        CONSTRAINT task_alert_episodes_task_fk FOREIGN KEY (organization_id, task_id) REFERENCES tasks (organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX task_alert_episodes_open_idx ON task_alert_episodes (organization_id, task_id, kind) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX task_alert_episodes_task_idx ON task_alert_episodes (organization_id, task_id, started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_alert_episodes`);
    await q.query(`DROP INDEX tasks_alert_status_idx`);
    await q.query(`DROP INDEX tasks_alert_due_idx`);
    await q.query(`DROP TRIGGER tasks_status_changed ON tasks`);
    await q.query(`DROP FUNCTION tasks_stamp_status_change()`);
    await q.query(`ALTER TABLE tasks DROP COLUMN status_changed_at`);
    await q.query(`DROP TABLE notifications`);
  }
}
