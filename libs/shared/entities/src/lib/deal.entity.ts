import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

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

  @Column({ type: 'text', default: 'prospecting' })
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
}
