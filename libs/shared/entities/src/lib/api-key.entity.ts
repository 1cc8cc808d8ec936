import type { Role } from '@clockwork/shared-dto';
import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/** An integration's credential: `ck_<prefix>_<secret>`, shown once, stored as a SHA-256. */
@Entity('api_keys')
export class ApiKey extends TenantBaseEntity {
  @Column({ type: 'text' })
  name: string;

  /** The public part of the key, for lookup and for recognising a key in logs. */
  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text', select: false })
  keyHash: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'integer', nullable: true })
  rateLimitPerMinute: number | null;

  /** Requests per UTC day; null: the server's default. */
  @Column({ type: 'integer', nullable: true })
  dailyQuota: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
