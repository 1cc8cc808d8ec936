import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/**
 * A call or a meeting logged against an account, a contact and/or a deal (at least one; the
 * database checks it), with its outcome and duration.
 */
@Entity('activities')
export class Activity extends TenantBaseEntity {
  @Column({ type: 'text' })
  type: 'call' | 'meeting';

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  dealId: string | null;

  /** Who held the call or meeting; null when logged with an API key and no owner given. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;
}
