import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

@Entity('accounts')
export class Account extends VersionedTenantEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  /** The web domain (acme.com), used to dedupe imports and link contacts by email domain. */
  @Column({ type: 'text', nullable: true })
  domain: string | null;

  @Column({ type: 'uuid', nullable: true })
  primaryContactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  metadata: Record<string, unknown>;

  /** Custom field values by the field's key (docs/custom-fields.md). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  customFields: Record<string, unknown>;
}
