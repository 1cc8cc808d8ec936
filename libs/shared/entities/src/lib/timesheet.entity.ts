import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const TIMESHEET_STATUSES = ['open', 'submitted', 'approved', 'rejected'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

/** One person's period of time entries (UTC days, `periodEnd` excluded) on its way to approval. */
@Entity('timesheets')
export class Timesheet extends VersionedTenantEntity {
  @Column({ type: 'uuid' }) userId: string;
  /** `YYYY-MM-DD` (a date column is read back as text). */
  @Column({ type: 'date' }) periodStart: string;
  @Column({ type: 'date' }) periodEnd: string;
  @Column({ type: 'text', default: 'open' }) status: TimesheetStatus;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
}
