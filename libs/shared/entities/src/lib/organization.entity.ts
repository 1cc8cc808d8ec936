import { BeforeInsert, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** The tenant itself; the one table without organization_id (a reference table on Citus). */
@Entity('organizations')
export class Organization {
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

  @Column({ type: 'timestamptz', nullable: true })
  onboardingDismissedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @BeforeInsert()
  assignId(): void {
    if (!this.id) this.id = uuidv7();
  }
}
