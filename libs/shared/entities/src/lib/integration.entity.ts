import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const INTEGRATION_PROVIDERS = ['productivity'] as const;
export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];

/**
 * A connection to the productivity platform. Its signing secrets are stored encrypted
 * (FieldCipher, bound to this row); the previous secret stays valid until its expiry after a
 * rotation.
 */
@Entity('integrations')
export class Integration extends VersionedTenantEntity {
  @Column({ type: 'text' }) provider: IntegrationProvider;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) baseUrl: string | null;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** `enc:v1:...` ciphertext of the `whsec_` secret; never sent back after creation or rotation. */
  @Column({ type: 'text', select: false }) signingSecret: string;
  @Column({ type: 'text', nullable: true, select: false }) previousSigningSecret: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previousSecretExpiresAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastEventAt: Date | null;
}
