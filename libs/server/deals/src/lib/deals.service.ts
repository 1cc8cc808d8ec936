import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertMayModify } from '@clockwork/server-auth';
import { assertVersion, AuditWriter, type DomainEventType, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { isClosedStage } from '@clockwork/shared-dto';
import type { CloseDealDto, CreateDealDto, DealDto, DealPageDto, DealQueryDto, DealStageHistoryDto, DealTimeDto, PatchDealDto } from '@clockwork/shared-dto';
import type { Deal, DealStage } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertDateOrder, dealColumns, datesAfter, nextStage, stageColumns } from './deal.rules';
import { toDealDto, toStageHistoryEntryDto } from './deal.mapper';
import { DealStageHistoryRepository } from './deal-stage-history.repository';
import { DealTimeRepository } from './deal-time.repository';
import { DealsRepository } from './deals.repository';

type DealAction = 'create' | 'update' | 'close' | 'delete';

/**
 * Deals: every write is one transaction with exactly one audit row, its stage-history row when
 * the stage moved, and its outbox events — `deal.created`, `deal.updated` on every change plus
 * `deal.stage_changed` when the stage moved and `deal.closed` when it entered won or lost,
 * `deal.deleted`. Sales may change only deals they own. Closing is `close()` (409 when
 * already closed); reopening is moving the stage back to an open one.
 */
@Injectable()
export class DealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deals: DealsRepository,
    private readonly history: DealStageHistoryRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    private readonly time: DealTimeRepository,
  ) {}

  list(query: DealQueryDto): Promise<DealPageDto> {
    return this.deals.listPage(query, toDealDto);
  }

  async get(id: string): Promise<DealDto> {
    return toDealDto(await this.deals.getById(id));
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
    return this.dataSource.transaction(async (manager) => {
      const stage = nextStage(dto, true, null);
      const ownerId = dto.owner_id !== undefined ? dto.owner_id : this.userId;
      const deal = await this.deals.insert(manager, { ...dealColumns(dto, true), ...stageColumns(null, stage), ownerId });
      await this.history.record(manager, deal.id, null, stage, this.userId);
      await this.written(manager, 'create', null, deal);
      return toDealDto(deal);
    });
  }

  update(id: string, dto: PatchDealDto, replace: boolean, expectedVersion?: number): Promise<DealDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockForChange(manager, id, expectedVersion);
      assertDateOrder(...datesAfter(dto, replace, before));
      const stage = nextStage(dto, replace, before.stage);
      return this.change(manager, before, { ...dealColumns(dto, replace), ...stageColumns(before.stage, stage) }, 'update');
    });
  }

  /** Wins or loses an open deal (409 when it is already won or lost). */
  close(id: string, dto: CloseDealDto, expectedVersion?: number): Promise<DealDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockForChange(manager, id, expectedVersion);
      if (isClosedStage(before.stage)) {
        throw new ConflictException(`The deal is already ${before.stage}; move its stage back to an open stage to reopen it first`);
      }
      return this.change(manager, before, stageColumns(before.stage, dto.outcome, dto.reason ?? null), 'close');
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockForChange(manager, id);
      await this.deals.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /** The signed-in user making the change (API keys are nobody's user: null). */
  private get userId(): string | null {
    const principal = this.context.principal;
    return principal?.kind === 'user' ? principal.id : null;
  }

  private async lockForChange(manager: EntityManager, id: string, expectedVersion?: number): Promise<Deal> {
    const deal = await this.deals.lockById(manager, id);
    assertMayModify(this.context.principal, [deal.ownerId], 'deals');
    assertVersion(deal.version, expectedVersion, 'deal');
    return deal;
  }

  private async change(manager: EntityManager, before: Deal, values: QueryDeepPartialEntity<Deal>, action: 'update' | 'close'): Promise<DealDto> {
    const after = await this.deals.updateById(manager, before.id, { ...values, version: () => 'version + 1' });
    if (after.stage !== before.stage) await this.history.record(manager, after.id, before.stage, after.stage, this.userId);
    await this.written(manager, action, before, after);
    return toDealDto(after);
  }

  private async written(manager: EntityManager, action: DealAction, before: Deal | null, after: Deal | null): Promise<void> {
    const dto = (d: Deal | null) => (d ? toDealDto(d) : null);
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'deal', objectId: id, before: dto(before), after: dto(after) });
    const event = (type: DomainEventType, payload: Record<string, unknown>) =>
      this.outbox.record(manager, { organizationId: this.context.organizationId, type, aggregateType: 'deal', aggregateId: id, payload });
    if (!after) return void (await event('deal.deleted', { id }));
    const data = toDealDto(after) as unknown as Record<string, unknown>;
    if (!before) return void (await event('deal.created', data));
    await event('deal.updated', data);
    if (before.stage !== after.stage) {
      await event('deal.stage_changed', { ...data, from_stage: before.stage as DealStage, to_stage: after.stage });
      if (isClosedStage(after.stage)) await event('deal.closed', data);
    }
  }
}
