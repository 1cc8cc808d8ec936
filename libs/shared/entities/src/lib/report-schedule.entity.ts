import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export type ReportSchedulePauseReason = 'owner_deactivated' | 'owner_role_lost' | 'paused_by_user';

/** A user's report sent by email daily, weekly or monthly at an hour of a time zone. */
@Entity('report_schedules')
export class ReportSchedule extends TenantBaseEntity {
  /** Who scheduled it (the owner). */
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) report: string;
  /** The report's query; `range` (e.g. last_7_days) is resolved at each run. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) params: Record<string, unknown>;
  @Column({ type: 'text' }) frequency: 'daily' | 'weekly' | 'monthly';
  /** ISO weekday 1 (Monday) .. 7 (Sunday); weekly only. */
  @Column({ type: 'smallint', nullable: true }) weekday: number | null;
  /** 1..31 (the last day of shorter months); monthly only. */
  @Column({ type: 'smallint', nullable: true }) dayOfMonth: number | null;
  @Column({ type: 'smallint' }) hour: number;
  @Column({ type: 'text' }) timezone: string;
  @Column({ type: 'text', array: true }) recipients: string[];
  @Column({ type: 'text' }) format: 'csv' | 'pdf';
  @Column({ type: 'timestamptz' }) nextRunAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastRunAt: Date | null;
  @Column({ type: 'text', nullable: true }) lastStatus: 'sent' | 'failed' | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  /** Set while the schedule is paused (not sent): its owner was deactivated or lost the role, or a user paused it. */
  @Column({ type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @Column({ type: 'text', nullable: true }) pausedReason: ReportSchedulePauseReason | null;
}
