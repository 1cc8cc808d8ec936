import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/** One HTTP attempt of a delivery: the delivery log. */
@Entity('webhook_delivery_attempts')
export class WebhookDeliveryAttempt extends TenantBaseEntity {
  @Column({ type: 'uuid' }) deliveryId: string;
  @Column({ type: 'integer' }) attempt: number;
  @Column({ type: 'integer', nullable: true }) statusCode: number | null;
  @Column({ type: 'integer' }) latencyMs: number;
  /** The first 1 KB of the response body, as text. */
  @Column({ type: 'text', nullable: true }) responseExcerpt: string | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'boolean' }) succeeded: boolean;
}
