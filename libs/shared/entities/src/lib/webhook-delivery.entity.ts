import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export const WEBHOOK_DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/**
 * One event for one subscription: the durable record of what must be sent (Redis only carries
 * pointers to it). `messageId` is the `webhook-id` of every attempt and redelivery.
 */
@Entity('webhook_deliveries')
export class WebhookDelivery extends TenantBaseEntity {
  @Column({ type: 'uuid' }) subscriptionId: string;
  @Column({ type: 'uuid', nullable: true }) eventId: string | null;
  @Column({ type: 'text' }) messageId: string;
  @Column({ type: 'text' }) eventType: string;
  /** The exact JSON body that is signed and sent on every attempt. */
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text', default: 'pending' }) state: WebhookDeliveryState;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  /** Attempts since the delivery was (re)started: the position in the retry schedule. */
  @Column({ type: 'integer', default: 0 }) roundAttempts: number;
  @Column({ type: 'timestamptz', nullable: true }) nextAttemptAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) leaseToken: string | null;
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'integer', nullable: true }) lastStatusCode: number | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
