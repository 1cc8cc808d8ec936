import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DealStage } from './deal.entity';

/** When a deal entered each stage (pipeline velocity, time in stage). */
@Entity('deal_stage_history')
export class DealStageHistory {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'text', nullable: true })
  fromStage: DealStage | null;

  @Column({ type: 'text' })
  toStage: DealStage;

  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  enteredAt: Date;
}
