import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/**
 * One stage of a pipeline. `key` is what `deals.stage` holds (a foreign key on
 * (organization_id, pipeline_id, key)), fixed once created; `kind` says whether entering it
 * closes the deal (won, lost) or not (open).
 */
@Entity('pipeline_stages')
export class PipelineStage extends TenantBaseEntity {
  @Column({ type: 'uuid' })
  pipelineId: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  /** 0-based order in the pipeline (unique per pipeline, checked at commit). */
  @Column({ type: 'integer' })
  position: number;

  /** numeric(5,4) from 0 to 1: read back as a string. */
  @Column({ type: 'numeric', precision: 5, scale: 4 })
  probability: string;

  @Column({ type: 'text' })
  kind: 'open' | 'won' | 'lost';
}
