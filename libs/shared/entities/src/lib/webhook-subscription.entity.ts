import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/**
 * Where an organization wants its events sent (Standard Webhooks). The `whsec_` secret is stored
 * encrypted (FieldCipher, bound to this row); after a rotation the previous one keeps signing
 * too until `previousSecretExpiresAt`.
 */
@Entity('webhook_subscriptions')
export class WebhookSubscription extends VersionedTenantEntity {
  @Column({ type: 'text' }) url: string;
  /** Event names and wildcards (`deal.*`, `*`). */
  @Column({ type: 'text', array: true }) events: string[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** `enc:v1:...` ciphertext of the `whsec_` secret; shown only on creation and rotation. */
  @Column({ type: 'text', select: false }) secret: string;
  @Column({ type: 'text', nullable: true, select: false }) previousSecret: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previousSecretExpiresAt: Date | null;
  /** Since when every attempt has failed (null after a success). */
  @Column({ type: 'timestamptz', nullable: true }) failingSince: Date | null;
  @Column({ type: 'text', nullable: true }) disabledReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
}
