import { Column, PrimaryColumn } from 'typeorm';
import { TimestampedEntity } from './timestamped.entity';

/**
 * Every tenant table starts with these columns. The primary key is (organization_id, id) so
 * that foreign keys between tenant tables carry organization_id and the database itself refuses
 * a link across organizations (see docs/scaling.md). Ids are UUIDv7 (TimestampedEntity).
 */
export abstract class TenantBaseEntity extends TimestampedEntity {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  id: string;
}

/** Tenant rows that two writers may update concurrently carry an optimistic version. */
export abstract class VersionedTenantEntity extends TenantBaseEntity {
  @Column({ type: 'integer', default: 1 })
  version: number;
}
