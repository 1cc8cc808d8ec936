import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/** One organization's retention rule for one kind of record (time entries, audit logs, notes). */
@Entity('retention_policies')
export class RetentionPolicy extends VersionedTenantEntity {
  @Column({ type: 'text' }) kind: 'time_entries' | 'audit_logs' | 'notes';
  @Column({ type: 'integer' }) keepMonths: number;
  @Column({ type: 'text' }) action: 'delete' | 'anonymize';
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastAppliedAt: Date | null;
  @Column({ type: 'integer', nullable: true }) lastAffected: number | null;
}
