import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { assertVersion, type DomainEventType, RecordWriter } from '@clockwork/server-core';
import type { AddPipelineStageDto, CreatePipelineDto, PatchPipelineDto, PatchPipelineStageDto, PipelineDto, PipelineListDto, PipelineStageOrderDto } from '@clockwork/shared-dto';
import { MAX_PIPELINE_STAGES } from '@clockwork/shared-dto';
import type { Pipeline } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { assertAllKinds, fieldError, keysOf, stageOf } from './pipeline.rules';
import { toPipelineAudit, toPipelineDto } from './pipeline.mapper';
import { PipelinesRepository, StageRow } from './pipelines.repository';

type PipelineAction = 'create' | 'update' | 'delete';

/**
 * Pipelines and their stages (docs/pipelines.md): admins write, everyone who reads deals reads.
 * Every write is one transaction that locks the pipeline, with one audit row (`pipeline`) and
 * its event (`pipeline.created`, `pipeline.updated` for every change of it or its stages,
 * `pipeline.deleted`). A pipeline keeps at least one open, one won and one lost stage; a stage
 * holding deals is deleted only with `move_to` (409 naming the count otherwise).
 */
@Injectable()
export class PipelinesService {
  constructor(
    private readonly records: RecordWriter,
    private readonly pipelines: PipelinesRepository,
  ) {}

  async list(): Promise<PipelineListDto> {
    const pipelines = await this.pipelines.all();
    const stages = await this.pipelines.stagesOf(undefined, pipelines.map((p) => p.id));
    return { data: pipelines.map((p) => toPipelineDto(p, stages)) };
  }

  async get(id: string): Promise<PipelineDto> {
    return this.dto(undefined, await this.pipelines.getById(id));
  }

  create(dto: CreatePipelineDto): Promise<PipelineDto> {
    assertAllKinds(dto.stages, 'stages');
    const keys = keysOf(dto.stages);
    return this.records.transaction(async (manager) => {
      await this.assertNameFree(manager, dto.name, null);
      if (dto.is_default) await this.pipelines.clearDefault(manager);
      const pipeline = await this.pipelines.insert(manager, { name: dto.name, isDefault: dto.is_default ?? false });
      await this.pipelines.insertStages(manager, pipeline.id, dto.stages.map((s, i) => ({ key: keys[i], name: s.name, position: i, probability: s.probability, kind: s.kind })));
      const after = await this.dto(manager, pipeline);
      await this.written(manager, 'create', null, after);
      return after;
    });
  }

  update(id: string, dto: PatchPipelineDto, expectedVersion?: number): Promise<PipelineDto> {
    return this.change(id, expectedVersion, async (manager, pipeline) => {
      if (dto.is_default === false && pipeline.isDefault) throw fieldError('is_default', 'is_default cannot be turned off: make another pipeline the default instead');
      const values: Partial<Pipeline> = {};
      if (dto.name !== undefined && dto.name !== pipeline.name) {
        await this.assertNameFree(manager, dto.name, id);
        values.name = dto.name;
      }
      if (dto.is_default && !pipeline.isDefault) {
        await this.pipelines.clearDefault(manager);
        values.isDefault = true;
      }
      return values;
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const pipeline = await this.lock(manager, id);
      if (pipeline.isDefault) throw new ConflictException('The default pipeline cannot be deleted: make another pipeline the default first');
      const deals = await this.pipelines.dealCount(manager, id);
      if (deals > 0) throw new ConflictException({ message: `The pipeline holds ${deals} deal(s): move them to another pipeline first`, details: [{ field: 'deals', errors: [`${deals} deal(s) in the pipeline`] }] });
      const before = await this.dto(manager, pipeline);
      await this.pipelines.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  addStage(id: string, dto: AddPipelineStageDto): Promise<PipelineDto> {
    return this.change(id, undefined, async (manager, _pipeline, stages) => {
      if (stages.length >= MAX_PIPELINE_STAGES) throw fieldError('stages', `a pipeline holds at most ${MAX_PIPELINE_STAGES} stages`);
      const [key] = keysOf([dto], stages.map((s) => s.key), 'key');
      const lastOpen = stages.filter((s) => s.kind === 'open').reduce((max, s) => Math.max(max, s.position), -1);
      const position = Math.min(dto.position ?? lastOpen + 1, stages.length);
      await this.pipelines.shiftPositions(manager, id, position, 1);
      await this.pipelines.insertStages(manager, id, [{ key, name: dto.name, position, probability: dto.probability, kind: dto.kind }]);
      return {};
    });
  }

  patchStage(id: string, key: string, dto: PatchPipelineStageDto): Promise<PipelineDto> {
    return this.change(id, undefined, async (manager, _pipeline, stages) => {
      const stage = this.stage(stages, key);
      if (dto.kind !== undefined && dto.kind !== stage.kind) {
        if (stage.dealCount > 0) throw new ConflictException(`${stage.dealCount} deal(s) are in the stage ${key}: its kind changes only while it is empty`);
        assertAllKinds(stages.map((s) => (s.key === key ? { kind: dto.kind as StageRow['kind'] } : s)), 'kind');
      }
      await this.pipelines.updateStage(manager, id, key, { name: dto.name, probability: dto.probability, kind: dto.kind });
      return {};
    });
  }

  removeStage(id: string, key: string, moveTo?: string): Promise<PipelineDto> {
    return this.change(id, undefined, async (manager, _pipeline, stages) => {
      const stage = this.stage(stages, key);
      const rest = stages.filter((s) => s.key !== key);
      if (moveTo !== undefined) {
        const target = stageOf(rest, moveTo, 'move_to');
        if (target.kind !== stage.kind) throw fieldError('move_to', `move_to must be a stage of the same kind (${stage.kind})`);
      }
      if (stage.dealCount > 0 && moveTo === undefined) {
        throw new ConflictException({ message: `${stage.dealCount} deal(s) are in the stage ${key}: pass move_to (another ${stage.kind} stage of the pipeline) to move them first`, details: [{ field: 'move_to', errors: [`${stage.dealCount} deal(s) in the stage`] }] });
      }
      if (rest.every((s) => s.kind !== stage.kind)) throw new ConflictException(`The pipeline keeps at least one ${stage.kind} stage`);
      if (moveTo !== undefined) await this.pipelines.moveDeals(manager, id, key, moveTo, this.userId);
      await this.pipelines.deleteStage(manager, id, key);
      await this.pipelines.shiftPositions(manager, id, stage.position + 1, -1);
      return {};
    });
  }

  reorder(id: string, dto: PipelineStageOrderDto): Promise<PipelineDto> {
    return this.change(id, undefined, async (manager, _pipeline, stages) => {
      const current = stages.map((s) => s.key).sort();
      if (dto.keys.length !== stages.length || [...dto.keys].sort().some((k, i) => k !== current[i])) {
        throw fieldError('keys', `keys must name every stage of the pipeline once: ${stages.map((s) => s.key).join(', ')}`);
      }
      for (const [position, key] of dto.keys.entries()) await manager.query(`UPDATE pipeline_stages SET position = $4, updated_at = now() WHERE organization_id = $1 AND pipeline_id = $2 AND key = $3 AND position <> $4`, [this.records.organizationId, id, key, position]);
      return {};
    });
  }

  /** The signed-in user making the change (API keys are nobody's user: null). */
  private get userId(): string | null {
    const principal = this.records.principal;
    return principal?.kind === 'user' ? principal.id : null;
  }

  private stage(stages: StageRow[], key: string): StageRow {
    const stage = stages.find((s) => s.key === key);
    if (!stage) throw new NotFoundException('Stage not found');
    return stage;
  }

  private async lock(manager: EntityManager, id: string): Promise<Pipeline> {
    const pipeline = await this.pipelines.lockRow(manager, id);
    if (!pipeline) throw new NotFoundException('Pipeline not found');
    return pipeline;
  }

  private async assertNameFree(manager: EntityManager, name: string, exceptId: string | null): Promise<void> {
    if (await this.pipelines.nameTaken(manager, name, exceptId)) throw new ConflictException(`A pipeline named ${name} already exists`);
  }

  /** One change of a pipeline or its stages: lock, apply, bump the version, audit and event when something changed. */
  private change(id: string, expectedVersion: number | undefined, apply: (manager: EntityManager, pipeline: Pipeline, stages: StageRow[]) => Promise<Partial<Pipeline>>): Promise<PipelineDto> {
    return this.records.transaction(async (manager) => {
      const pipeline = await this.lock(manager, id);
      assertVersion(pipeline.version, expectedVersion, 'pipeline');
      const before = await this.dto(manager, pipeline);
      const values = await apply(manager, pipeline, await this.pipelines.stagesOf(manager, [id]));
      const stagesAfter = await this.pipelines.stagesOf(manager, [id]);
      const unchanged = Object.keys(values).length === 0 && JSON.stringify(toPipelineDto(pipeline, stagesAfter).stages) === JSON.stringify(before.stages);
      if (unchanged) return before;
      const updated = await this.pipelines.updateById(manager, id, { ...values, version: () => 'version + 1' });
      const after = toPipelineDto(updated, stagesAfter);
      await this.written(manager, 'update', before, after);
      return after;
    });
  }

  private async dto(manager: EntityManager | undefined, pipeline: Pipeline): Promise<PipelineDto> {
    return toPipelineDto(pipeline, await this.pipelines.stagesOf(manager, [pipeline.id]));
  }

  private async written(manager: EntityManager, action: PipelineAction, before: PipelineDto | null, after: PipelineDto | null): Promise<void> {
    const id = (after ?? before)?.id as string;
    await this.records.audit(manager, { action, objectType: 'pipeline', objectId: id, before: toPipelineAudit(before), after: toPipelineAudit(after) });
    const type: DomainEventType = action === 'create' ? 'pipeline.created' : action === 'update' ? 'pipeline.updated' : 'pipeline.deleted';
    await this.records.event(manager, { type, aggregateType: 'pipeline', aggregateId: id, payload: after ? (after as unknown as Record<string, unknown>) : { id } });
  }
}
