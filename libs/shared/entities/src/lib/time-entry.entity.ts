import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const TIME_ACTIVITY_TYPES = ['app', 'website', 'manual'] as const;
export const TIME_SOURCES = ['agent', 'manual'] as const;
export const MAPPING_STATUSES = ['mapped', 'unmapped'] as const;

/** One block of tracked time from a productivity agent (or entered by hand). */
@Entity('time_entries')
export class TimeEntry extends VersionedTenantEntity {
  @Column({ type: 'text', nullable: true }) externalId: string | null;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'text', nullable: true }) employeeId: string | null;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  @Column({ type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ type: 'uuid', nullable: true }) accountId: string | null;
  @Column({ type: 'text', nullable: true }) projectName: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags: string[];
  @Column({ type: 'timestamptz' }) startTime: Date;
  @Column({ type: 'timestamptz' }) endTime: Date;
  @Column({ type: 'integer' }) durationSeconds: number;
  @Column({ type: 'text' }) activityType: (typeof TIME_ACTIVITY_TYPES)[number];
  /** numeric(4,3): read back as a string by the driver. */
  @Column({ type: 'numeric', precision: 4, scale: 3 }) productivityScore: string;
  @Column({ type: 'text' }) source: (typeof TIME_SOURCES)[number];
  @Column({ type: 'text' }) mappingStatus: (typeof MAPPING_STATUSES)[number];
  @Column({ type: 'text', nullable: true }) mappingRule: string | null;
  @Column({ type: 'text', nullable: true }) unmappedReason: string | null;
  @Column({ type: 'text', default: 'pending' }) syncStatus: 'synced' | 'pending';
  @Column({ type: 'timestamptz', nullable: true }) sourceUpdatedAt: Date | null;
  @Column({ type: 'boolean', default: true }) billable: boolean;
  /** Set while the entry's timesheet is approved: the entry is locked (see the timesheets migration). */
  @Column({ type: 'uuid', nullable: true }) approvedTimesheetId: string | null;
}
