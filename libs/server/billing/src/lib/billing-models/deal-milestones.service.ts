import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type DomainEventType, RecordWriter } from '@clockwork/server-core';
import type { CreateDealMilestoneDto, DealMilestoneDto, DealMilestoneListDto, PatchDealMilestoneDto, ReachMilestoneDto } from '@clockwork/shared-dto';
import type { DealMilestone } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DealBillingRepository } from './deal-billing.repository';
import { toMilestoneDto } from './milestone.mapper';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Milestones of fixed-fee deals (`/deals/{id}/milestones`): each write is one transaction with
 * its audit row and its event (`deal.milestone_created|updated|reached|deleted`). An invoiced
 * milestone is not changed (409): void its invoice first.
 */
@Injectable()
export class DealMilestonesService {
  constructor(
    private readonly records: RecordWriter,
    private readonly milestones: DealBillingRepository,
  ) {}

  async list(dealId: string): Promise<DealMilestoneListDto> {
    await this.dealOrThrow(this.records.manager, dealId);
    return { data: (await this.milestones.listForDeal(dealId)).map(toMilestoneDto) };
  }

  create(dealId: string, dto: CreateDealMilestoneDto): Promise<DealMilestoneDto> {
    return this.records.transaction(async (manager) => {
      await this.dealOrThrow(manager, dealId, true);
      const m = await this.milestones.insert(manager, { dealId, name: dto.name, amountCents: String(dto.amount_cents), dueOn: dto.due_on, status: 'planned' });
      return this.written(manager, 'create', 'deal.milestone_created', null, m);
    });
  }

  update(dealId: string, id: string, dto: PatchDealMilestoneDto): Promise<DealMilestoneDto> {
    return this.change(dealId, id, 'update', 'deal.milestone_updated', () => ({
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.amount_cents !== undefined && { amountCents: String(dto.amount_cents) }),
      ...(dto.due_on !== undefined && { dueOn: dto.due_on }),
    }));
  }

  /** planned -> reached: invoiceable from then on (409 when already reached or invoiced). */
  reach(dealId: string, id: string, dto: ReachMilestoneDto): Promise<DealMilestoneDto> {
    return this.change(dealId, id, 'reach', 'deal.milestone_reached', (before) => {
      if (before.status !== 'planned') throw new ConflictException(`The milestone is already ${before.status}`);
      return { status: 'reached', reachedOn: dto.reached_on ?? today() };
    });
  }

  remove(dealId: string, id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.lockOf(manager, dealId, id);
      await this.milestones.deleteById(manager, id);
      await this.records.audit(manager, { action: 'delete', objectType: 'deal_milestone', objectId: id, before: toMilestoneDto(before), after: null });
      await this.event(manager, 'deal.milestone_deleted', dealId, { id });
    });
  }

  private change(dealId: string, id: string, action: string, type: DomainEventType, values: (before: DealMilestone) => QueryDeepPartialEntity<DealMilestone>): Promise<DealMilestoneDto> {
    return this.records.transaction(async (manager) => {
      const before = await this.lockOf(manager, dealId, id);
      const after = await this.milestones.updateById(manager, id, { ...values(before), version: () => 'version + 1' });
      return this.written(manager, action, type, before, after);
    });
  }

  /** The milestone of the deal, locked; 404 when it is another deal's; 409 when invoiced. */
  private async lockOf(manager: EntityManager, dealId: string, id: string): Promise<DealMilestone> {
    await this.dealOrThrow(manager, dealId, true);
    if (!isUUID(id)) throw new NotFoundException('Milestone not found');
    const m = await this.milestones.lockById(manager, id);
    if (m.dealId !== dealId) throw new NotFoundException('Milestone not found');
    if (m.status === 'invoiced') throw new ConflictException('The milestone is invoiced; void its invoice first');
    return m;
  }

  private async dealOrThrow(manager: EntityManager, dealId: string, lock = false): Promise<void> {
    if (!(await this.milestones.deal(manager, dealId, lock))) throw new NotFoundException('Deal not found');
  }

  private async written(manager: EntityManager, action: string, type: DomainEventType, before: DealMilestone | null, after: DealMilestone): Promise<DealMilestoneDto> {
    const dto = toMilestoneDto(after);
    await this.records.audit(manager, { action, objectType: 'deal_milestone', objectId: after.id, before: before ? toMilestoneDto(before) : null, after: dto });
    await this.event(manager, type, after.dealId, dto as unknown as Record<string, unknown>);
    return dto;
  }

  private async event(manager: EntityManager, type: DomainEventType, dealId: string, payload: Record<string, unknown>): Promise<void> {
    await this.records.event(manager, { type, aggregateType: 'deal', aggregateId: dealId, payload });
  }
}
