import { BeforeInsert, Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * Every tenant table starts with these columns. The primary key is (organization_id, id) so
 * that foreign keys between tenant tables carry organization_id and the database itself refuses
 * a link across organizations (see docs/scaling.md). Ids are UUIDv7: time-ordered, so inserts
 * append to the index instead of scattering across it.
 */
export abstract class TenantBaseEntity {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @BeforeInsert()
  assignId(): void {
    if (!this.id) this.id = uuidv7();
  }
}

/** Tenant rows that two writers may update concurrently carry an optimistic version. */
export abstract class VersionedTenantEntity extends TenantBaseEntity {
  @Column({ type: 'integer', default: 1 })
  version: number;
}
