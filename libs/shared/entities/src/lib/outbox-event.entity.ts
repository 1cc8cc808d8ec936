import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it describes. The worker's
 * relay moves pending rows into Bull (job id = this id) and the events processor marks them
 * processed, so Redis is never the only record of an event.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  aggregateType: string;

  @Column({ type: 'uuid', nullable: true })
  aggregateId: string | null;

  /** The event's JSON, encrypted and bound to this row (`enc:v1:...`; SealedColumns in server-core). */
  @Column({ type: 'text' })
  payload: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  dispatchCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
