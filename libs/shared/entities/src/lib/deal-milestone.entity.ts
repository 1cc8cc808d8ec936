import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const MILESTONE_STATUSES = ['planned', 'reached', 'invoiced'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A milestone of a fixed-fee deal: an amount (integer cents, in the deal's currency) invoiced once reached. */
@Entity('deal_milestones')
export class DealMilestone extends VersionedTenantEntity {
  @Column({ type: 'uuid' }) dealId: string;
  @Column({ type: 'text' }) name: string;
  /** bigint: read back as a string. */
  @Column({ type: 'bigint' }) amountCents: string;
  @Column({ type: 'date' }) dueOn: string;
  @Column({ type: 'text', default: 'planned' }) status: MilestoneStatus;
  @Column({ type: 'date', nullable: true }) reachedOn: string | null;
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
}
