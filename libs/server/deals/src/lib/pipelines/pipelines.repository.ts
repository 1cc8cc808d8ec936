import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { Pipeline, PipelineStage } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A stage with the number of deals now in it. */
export interface StageRow {
  id: string;
  pipelineId: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  kind: PipelineStage['kind'];
  dealCount: number;
}

export interface NewStage {
  key: string;
  name: string;
  position: number;
  probability: number;
  kind: PipelineStage['kind'];
}

/** Named queries of pipelines and their stages (organization-scoped). */
@Injectable()
export class PipelinesRepository extends TenantRepository<Pipeline> {
  constructor() {
    super(Pipeline, 'Pipeline');
  }

  /** Every pipeline: the default first, then by name. */
  all(manager?: EntityManager): Promise<Pipeline[]> {
    return this.scoped('p', manager).orderBy('p.is_default', 'DESC').addOrderBy('lower(p.name)').addOrderBy('p.id').getMany();
  }

  /** The organization's default pipeline, share-locked (a deal is about to go in it). */
  async defaultPipeline(manager: EntityManager): Promise<Pipeline> {
    return this.scoped('p', manager).andWhere('p.is_default').setLock('pessimistic_read').getOneOrFail();
  }

  /** Locks the pipeline row (stage edits and deal moves into it serialize on it). */
  lockRow(manager: EntityManager, id: string): Promise<Pipeline | null> {
    return this.scoped('p', manager).andWhere('p.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Share-locks the pipeline row: its stages cannot change until the transaction ends. */
  lockShared(manager: EntityManager, id: string): Promise<Pipeline | null> {
    return this.scoped('p', manager).andWhere('p.id = :id', { id }).setLock('pessimistic_read').getOne();
  }

  /** Whether a stage of this key exists in the pipeline (or in any pipeline of the organization). */
  async stageExists(key: string, pipelineId?: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM pipeline_stages WHERE organization_id = $1 AND key = $2 AND ($3::uuid IS NULL OR pipeline_id = $3::uuid)) AS found`,
      [this.organizationId, key, pipelineId ?? null],
    );
    return row.found;
  }

  async nameTaken(manager: EntityManager, name: string, exceptId: string | null): Promise<boolean> {
    const qb = this.scoped('p', manager).andWhere('lower(p.name) = lower(:name)', { name });
    if (exceptId) qb.andWhere('p.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  async clearDefault(manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE pipelines SET is_default = false, version = version + 1, updated_at = now() WHERE organization_id = $1 AND is_default`, [this.organizationId]);
  }

  /** The stages of the pipelines, in order, each with the number of deals in it. */
  async stagesOf(manager: EntityManager | undefined, pipelineIds: string[]): Promise<StageRow[]> {
    const rows: (Omit<StageRow, 'probability' | 'dealCount'> & { probability: string; deal_count: number; pipeline_id: string })[] = await (manager ?? this.dataSource.manager).query(
      `SELECT s.id, s.pipeline_id, s.key, s.name, s.position, s.probability::text AS probability, s.kind,
              (SELECT count(*)::int FROM deals d WHERE d.organization_id = s.organization_id AND d.pipeline_id = s.pipeline_id AND d.stage = s.key) AS deal_count
         FROM pipeline_stages s
        WHERE s.organization_id = $1 AND s.pipeline_id = ANY($2::uuid[])
        ORDER BY s.pipeline_id, s.position`,
      [this.organizationId, pipelineIds],
    );
    return rows.map((r) => ({ id: r.id, pipelineId: r.pipeline_id, key: r.key, name: r.name, position: r.position, probability: Number(r.probability), kind: r.kind, dealCount: r.deal_count }));
  }

  async insertStages(manager: EntityManager, pipelineId: string, stages: NewStage[]): Promise<void> {
    if (stages.length === 0) return;
    await manager.insert(
      PipelineStage,
      stages.map((s) => ({ organizationId: this.organizationId, id: uuidv7(), pipelineId, key: s.key, name: s.name, position: s.position, probability: String(s.probability), kind: s.kind })),
    );
  }

  async updateStage(manager: EntityManager, pipelineId: string, key: string, values: { name?: string; probability?: number; kind?: PipelineStage['kind'] }): Promise<void> {
    await manager.update(PipelineStage, { organizationId: this.organizationId, pipelineId, key }, { ...values, ...(values.probability !== undefined ? { probability: String(values.probability) } : {}), updatedAt: () => 'now()' } as never);
  }

  /** Shifts the positions of the stages from `from` on by `by` (the unique position is checked at commit). */
  async shiftPositions(manager: EntityManager, pipelineId: string, from: number, by: number): Promise<void> {
    await manager.query(`UPDATE pipeline_stages SET position = position + $4 WHERE organization_id = $1 AND pipeline_id = $2 AND position >= $3`, [this.organizationId, pipelineId, from, by]);
  }

  async deleteStage(manager: EntityManager, pipelineId: string, key: string): Promise<void> {
    await manager.delete(PipelineStage, { organizationId: this.organizationId, pipelineId, key });
  }

  /**
   * Moves every deal of the stage `from` to the stage `to` of the same pipeline (same kind, so
   * closed_at stays), each with a stage-history row and a new version. Returns how many moved.
   */
  async moveDeals(manager: EntityManager, pipelineId: string, from: string, to: string, changedBy: string | null): Promise<number> {
    const moved: { id: string }[] = await manager.query(
      `UPDATE deals SET stage = $4, version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND pipeline_id = $2 AND stage = $3
        RETURNING id`,
      [this.organizationId, pipelineId, from, to],
    );
    const ids = (Array.isArray(moved[0]) ? moved[0] : moved) as { id: string }[];
    if (ids.length > 0) {
      await manager.query(
        `INSERT INTO deal_stage_history (organization_id, id, deal_id, from_stage, to_stage, changed_by)
         SELECT $1, gen_random_uuid(), d.id, $2, $3, $4 FROM unnest($5::uuid[]) AS d(id)`,
        [this.organizationId, from, to, changedBy, ids.map((r) => r.id)],
      );
    }
    return ids.length;
  }

  async dealCount(manager: EntityManager, pipelineId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM deals WHERE organization_id = $1 AND pipeline_id = $2`, [this.organizationId, pipelineId]);
    return row.n;
  }
}
