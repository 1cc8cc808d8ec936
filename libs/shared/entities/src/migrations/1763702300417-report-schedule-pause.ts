import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled reports run as their owner with the owner's current role: a schedule whose owner was
 * deactivated or lost the role is paused (paused_at, paused_reason) instead of being sent, until
 * someone resumes it. The due index leaves paused schedules out.
 */
export class ReportSchedulePause1763702300417 implements MigrationInterface {
  name = 'ReportSchedulePause1763702300417';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_schedules ADD COLUMN paused_at timestamptz(3), ADD COLUMN paused_reason text`);
    await q.query(
      `ALTER TABLE report_schedules ADD CONSTRAINT report_schedules_paused_reason_check CHECK ((paused_at IS NULL) = (paused_reason IS NULL) AND (paused_reason IS NULL OR paused_reason IN ('owner_deactivated', 'owner_role_lost', 'paused_by_user')))`,
    );
    await q.query(`DROP INDEX report_schedules_due_idx`);
    await q.query(`CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at) WHERE paused_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX report_schedules_due_idx`);
    await q.query(`CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at)`);
    await q.query(`ALTER TABLE report_schedules DROP CONSTRAINT report_schedules_paused_reason_check, DROP COLUMN paused_reason, DROP COLUMN paused_at`);
  }
}
