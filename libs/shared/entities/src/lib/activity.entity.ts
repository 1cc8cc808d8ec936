import { Column, Entity } from 'typeorm';
import { RecordLinksEntity } from './record-links.entity';

/**
 * A call or a meeting logged against an account, a contact and/or a deal (at least one; the
 * database checks it), with its outcome and duration.
 */
@Entity('activities')
export class Activity extends RecordLinksEntity {
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

  /** Who held the call or meeting; null when logged with an API key and no owner given. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;
}
