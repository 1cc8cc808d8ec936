import type { Role } from '@clockwork/shared-dto';
import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/** A person who signs in. Emails are unique across organizations (login takes only an email). */
@Entity('users')
export class User extends VersionedTenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  /** The productivity platform's employee id, to attribute time entries to this user. */
  @Column({ type: 'text', nullable: true })
  linkedEmployeeId: string | null;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
