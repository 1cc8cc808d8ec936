import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

@Entity('contacts')
export class Contact extends VersionedTenantEntity {
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text', nullable: true })
  lastName: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /**
   * Keyed blind index of the email (`<key id>:<HMAC>` of the trimmed, lower-cased address): the
   * email itself is encrypted at rest, so lookups by email compare this instead.
   */
  @Column({ type: 'text', nullable: true })
  emailHash: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  jobTitle: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  metadata: Record<string, unknown>;

  /** Custom field values by the field's key (docs/custom-fields.md). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  customFields: Record<string, unknown>;
}
