import { Column } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/**
 * A tenant row that belongs to CRM records: the ids of its account, contact and deal, each
 * nullable (which of them must be set, one or at least one, is the table's own check).
 */
export abstract class RecordLinksEntity extends TenantBaseEntity {
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid', nullable: true })
  dealId: string | null;
}
