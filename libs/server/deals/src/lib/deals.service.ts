import { ConflictException, Injectable } from '@nestjs/common';
import { assertMayModify } from '@clockwork/server-auth';
import { CustomFieldRecordReads, CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { assertVersion, AuditedRecord, type DomainEventType, RecordWriter } from '@clockwork/server-core';
import type { CloseDealDto, CreateDealDto, DealDto, DealPageDto, DealQueryDto, DealStageHistoryDto, DealTimeDto, PatchDealDto } from '@clockwork/shared-dto';
import type { Deal, Pipeline } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertDateOrder, billingModelColumns, dealColumns, datesAfter, type DealStagePlace, stageColumns } from './deal.rules';
import { toDealDto, toStageHistoryEntryDto } from './deal.mapper';
import { DealStageHistoryRepository } from './deal-stage-history.repository';
import { DealTimeRepository } from './deal-time.repository';
import { DealsRepository } from './deals.repository';
import { fieldError, firstOfKind, firstOpenStage, mappedStage, stageOf } from './pipelines/pipeline.rules';
import { PipelinesRepository, type StageRow } from './pipelines/pipelines.repository';

type DealAction = 'create' | 'update' | 'close' | 'delete';

const DEAL: AuditedRecord<Deal> = { objectType: 'deal', view: toDealDto };

/**
 * Deals: every write is one transaction with exactly one audit row, its stage-history row when
 * the stage moved, and its outbox events — `deal.created`, `deal.updated` on every change plus
 * `deal.stage_changed` when the stage moved and `deal.closed` when it entered won or lost,
 * `deal.deleted`. Sales may change only deals they own. Closing is `close()` (409 when
 * already closed); reopening is moving the stage back to an open one. A deal is in one pipeline
 * and `stage` is one of its stage keys (400 naming `stage` otherwise); won and lost are the
 * stage's kind (docs/pipelines.md).
 */
@Injectable()
export class DealsService extends CustomFieldRecordReads<Deal, DealQueryDto, DealDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly deals: DealsRepository,
    private readonly history: DealStageHistoryRepository,
    private readonly time: DealTimeRepository,
    private readonly pipelines: PipelinesRepository,
    customFields: CustomFieldsValidator,
  ) {
    super(deals, toDealDto, customFields, 'deal');
  }

  /** A page of deals; a stage filter that is no stage of the pipeline (or of any, without pipeline_id) is a 400 naming stage. */
  override async list(query: DealQueryDto): Promise<DealPageDto> {
    if (query.stage !== undefined && !(await this.pipelines.stageExists(query.stage, query.pipeline_id))) {
      throw fieldError('stage', `stage must be a stage key of ${query.pipeline_id ? 'the pipeline' : 'one of the pipelines'}`);
    }
    return super.list(query);
  }

  async stageHistory(id: string): Promise<DealStageHistoryDto> {
    await this.deals.getById(id);
    return { data: (await this.history.listForDeal(id)).map(toStageHistoryEntryDto) };
  }

  /** The hours logged on the deal by everyone; no per-person figures, so every role that reads the deal may see them. */
  async timeTotals(id: string): Promise<DealTimeDto> {
    await this.deals.getById(id);
    const t = await this.time.totals(id);
    const hours = (seconds: number) => Math.round(seconds / 36) / 100;
    return { deal_id: id, entries: t.entries, seconds: t.seconds, hours: hours(t.seconds), billable_seconds: t.billable_seconds, billable_hours: hours(t.billable_seconds) };
  }

  create(dto: CreateDealDto): Promise<DealDto> {
    assertDateOrder(...datesAfter(dto, true, null));
    return this.records.transaction(async (manager) => {
      const pipeline = dto.pipeline_id !== undefined ? await this.pipelineOf(manager, dto.pipeline_id) : await this.pipelines.defaultPipeline(manager);
      const stages = await this.pipelines.stagesOf(manager, [pipeline.id]);
      const stage = dto.stage !== undefined ? stageOf(stages, dto.stage) : firstOpenStage(stages);
      const ownerId = dto.owner_id !== undefined ? dto.owner_id : this.records.userId;
      const customFields = await this.customFields.valuesToStore(manager, 'deal', dto.custom_fields, 'create');
      const deal = await this.deals.insert(manager, { ...dealColumns(dto, true), ...billingModelColumns(dto, true, null), ...stageColumns(null, stage), customFields, ownerId });
      await this.history.record(manager, deal.id, null, stage.key, this.records.userId);
      await this.written(manager, 'create', null, deal);
      return toDealDto(deal);
    });
  }

  /**
   * PUT and PATCH. The deal stays in its pipeline unless `pipeline_id` names another; there it
   * takes the `stage` sent, or its stage mapped by kind and rank (`mappedStage`). Without a
   * stage, a PUT puts the deal in the pipeline's first open stage and a PATCH keeps it.
   * `outer`: the caller's transaction (a bulk edit's batch), else a new one.
   */
  update(id: string, dto: PatchDealDto, replace: boolean, expectedVersion?: number, outer?: EntityManager): Promise<DealDto> {
    const inTransaction = (work: (m: EntityManager) => Promise<DealDto>) => (outer ? work(outer) : this.records.transaction(work));
    return inTransaction(async (manager) => {
      const before = await this.lockForChange(manager, id, expectedVersion);
      assertDateOrder(...datesAfter(dto, replace, before));
      const pipelineId = dto.pipeline_id ?? before.pipelineId;
      if (pipelineId !== before.pipelineId) await this.pipelineOf(manager, pipelineId);
      const stages = await this.pipelines.stagesOf(manager, [...new Set([before.pipelineId, pipelineId])]);
      const [from, fromStages, toStages] = this.placeOf(before, stages, pipelineId);
      const to =
        dto.stage !== undefined ? stageOf(toStages, dto.stage) : pipelineId !== before.pipelineId ? mappedStage(from, fromStages, toStages) : replace ? firstOpenStage(toStages) : from;
      const customFields = await this.customFields.valuesToStore(manager, 'deal', dto.custom_fields, replace ? 'replace' : 'patch', before.customFields);
      return this.change(manager, before, { ...dealColumns(dto, replace), ...billingModelColumns(dto, replace, before), ...stageColumns(from, to), ...(customFields && { customFields }) }, 'update', from, to);
    });
  }

  /** Wins or loses an open deal (409 when it is already won or lost): the pipeline's first stage of that kind. */
  close(id: string, dto: CloseDealDto, expectedVersion?: number): Promise<DealDto> {
    return this.records.transaction(async (manager) => {
      const before = await this.lockForChange(manager, id, expectedVersion);
      const [from, stages] = this.placeOf(before, await this.pipelines.stagesOf(manager, [before.pipelineId]), before.pipelineId);
      if (from.kind !== 'open') {
        throw new ConflictException(`The deal is already ${from.kind}; move its stage back to an open stage to reopen it first`);
      }
      const to = firstOfKind(stages, dto.outcome);
      return this.change(manager, before, stageColumns(from, to, dto.reason ?? null), 'close', from, to);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.lockForChange(manager, id);
      await this.deals.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /** A pipeline of the organization, share-locked so its stages hold still until commit; 400 naming pipeline_id otherwise. */
  private async pipelineOf(manager: EntityManager, id: string): Promise<Pipeline> {
    const pipeline = await this.pipelines.lockShared(manager, id);
    if (!pipeline) throw fieldError('pipeline_id', 'pipeline_id must be a pipeline of this organization');
    return pipeline;
  }

  /** The deal's current stage, its pipeline's stages and those of the pipeline it goes to. */
  private placeOf(deal: Deal, stages: StageRow[], pipelineId: string): [StageRow, StageRow[], StageRow[]] {
    const fromStages = stages.filter((s) => s.pipelineId === deal.pipelineId);
    const from = fromStages.find((s) => s.key === deal.stage) as StageRow;
    return [from, fromStages, stages.filter((s) => s.pipelineId === pipelineId)];
  }

  private async lockForChange(manager: EntityManager, id: string, expectedVersion?: number): Promise<Deal> {
    const deal = await this.deals.lockById(manager, id);
    assertMayModify(this.records.principal, [deal.ownerId], 'deals');
    assertVersion(deal.version, expectedVersion, 'deal');
    return deal;
  }

  private async change(manager: EntityManager, before: Deal, values: QueryDeepPartialEntity<Deal>, action: 'update' | 'close', from: DealStagePlace, to: DealStagePlace): Promise<DealDto> {
    const after = await this.deals.updateById(manager, before.id, { ...values, version: () => 'version + 1' });
    const moved = from.pipelineId !== to.pipelineId || from.key !== to.key;
    if (moved) await this.history.record(manager, after.id, before.stage, after.stage, this.records.userId);
    await this.written(manager, action, before, after, moved ? { from, to } : undefined);
    return toDealDto(after);
  }

  private async written(manager: EntityManager, action: DealAction, before: Deal | null, after: Deal | null, move?: { from: DealStagePlace; to: DealStagePlace }): Promise<void> {
    const id = (after ?? before)?.id as string;
    await this.records.written(manager, DEAL, action, before, after);
    const event = (type: DomainEventType, payload: Record<string, unknown>) => this.records.event(manager, { type, aggregateType: 'deal', aggregateId: id, payload });
    if (!after) return void (await event('deal.deleted', { id }));
    const data = toDealDto(after) as unknown as Record<string, unknown>;
    if (!before) return void (await event('deal.created', data));
    await event('deal.updated', data);
    if (move) {
      await event('deal.stage_changed', { ...data, from_stage: before.stage, to_stage: after.stage, from_pipeline_id: before.pipelineId });
      if (move.to.kind !== 'open' && move.to.kind !== move.from.kind) await event('deal.closed', data);
    }
  }
}
