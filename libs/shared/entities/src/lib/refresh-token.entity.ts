import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/**
 * An opaque refresh token, stored as its SHA-256. Each use spends it and issues the next one in
 * the same family; presenting a spent token revokes the whole family (RFC 9700 reuse detection).
 */
@Entity('refresh_tokens')
export class RefreshToken extends TenantBaseEntity {
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  familyId: string;

  @Column({ type: 'text', select: false })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
