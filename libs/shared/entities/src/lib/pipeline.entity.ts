import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/** A sales pipeline: its ordered stages are `pipeline_stages` rows; every deal is in one. */
@Entity('pipelines')
export class Pipeline extends VersionedTenantEntity {
  @Column({ type: 'text' })
  name: string;

  /** Exactly one per organization (a partial unique index): where deals go without a pipeline_id. */
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}
