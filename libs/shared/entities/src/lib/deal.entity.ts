import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/** The default pipeline's stage keys (see pipeline-stage.entity.ts). */
export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export const BILLING_MODELS = ['hourly', 'fixed', 'retainer'] as const;
export type BillingModel = (typeof BILLING_MODELS)[number];
/** A stage key of the deal's pipeline. */
export type DealStage = string;

/** A deal or project in the pipeline. `value` is a decimal string (never a float). */
@Entity('deals')
export class Deal extends VersionedTenantEntity {
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'numeric', precision: 18, scale: 2, default: 0 })
  value: string;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  /** The pipeline the deal is in; `stage` is one of its stage keys (a foreign key). */
  @Column({ type: 'uuid' })
  pipelineId: string;

  @Column({ type: 'text' })
  stage: DealStage;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  metadata: Record<string, unknown>;

  /** numeric(10,2): read back as a string; null: no hours budget. */
  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true })
  hoursBudget: string | null;

  /** numeric(18,2) in the deal's currency; null: no money budget. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  moneyBudget: string | null;

  /** `life`: the budgets cover the deal's whole life; `month`: each calendar month (UTC). */
  @Column({ type: 'text', default: 'life' })
  budgetPeriod: 'life' | 'month';

  /** How the deal bills: hourly time, fixed milestones or a monthly retainer (docs/billing-models.md). */
  @Column({ type: 'text', default: 'hourly' })
  billingModel: BillingModel;

  /** numeric(10,2) hours included per calendar month; the retainer_* columns are set when billingModel is retainer. */
  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true })
  retainerHoursPerMonth: string | null;

  /** bigint cents: read back as a string. */
  @Column({ type: 'bigint', nullable: true })
  retainerPriceCents: string | null;

  @Column({ type: 'bigint', nullable: true })
  retainerOverageRateCents: string | null;

  @Column({ type: 'smallint', nullable: true })
  retainerRolloverMonths: number | null;

  @Column({ type: 'date', nullable: true })
  retainerStartsOn: string | null;
  /** Custom field values by the field's key (docs/custom-fields.md). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  customFields: Record<string, unknown>;
}
