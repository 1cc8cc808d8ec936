import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampedEntity } from './timestamped.entity';

/** The tenant itself; the one table without organization_id (a reference table on Citus). */
@Entity('organizations')
export class Organization extends TimestampedEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** How time entries are grouped for approval: `week` (Monday to Sunday) or `month`, in UTC days. */
  @Column({ type: 'text', default: 'week' })
  timesheetPeriod: 'week' | 'month';

  /** Invoices take only time entries of approved timesheets. */
  @Column({ type: 'boolean', default: false })
  invoicesRequireApproval: boolean;
  /** When an admin dismissed the getting-started checklist (GET /onboarding); null while it shows. */
  /** IANA time zone of the organization's calendar (retainer months); default UTC. */
  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  /** The worker applies mapping suggestions at or above the threshold to unmapped entries (docs/insights.md). */
  @Column({ type: 'boolean', default: false })
  autoApplySuggestions: boolean;
  /** numeric(4,3), 0.5..1: read back as a string by the driver. */
  @Column({ type: 'numeric', precision: 4, scale: 3, default: 0.9 })
  suggestionConfidenceThreshold: string;

  @Column({ type: 'timestamptz', nullable: true })
  onboardingDismissedAt: Date | null;
}
