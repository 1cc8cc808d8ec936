import { Injectable } from '@nestjs/common';
import { DomainEvent, DomainEventType, OnDomainEvent } from '@clockwork/server-core';
import type { SyncRecordType } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';
import { dealValues, sameValues, SyncValues, taskValues } from './sync.fields';
import { SyncRecordsRepository } from './sync-records.repository';

/** The CRM changes that are pushed to the productivity platform. */
export const PUSHED_EVENTS = ['deal.created', 'deal.updated', 'deal.stage_changed', 'deal.closed', 'task.created', 'task.updated'] as const satisfies readonly DomainEventType[];

/**
 * Turns CRM deal and task changes into pending pushes, in the transaction that marks the
 * event processed (so a push is requested exactly when its change was handled). Tasks are
 * pushed only while their assignee has a linked employee. A change whose values equal the last
 * synced ones (e.g. the CRM write of a change that came from the platform) requests nothing:
 * that is what keeps a remote change from echoing back.
 */
@Injectable()
export class SyncPushHandler {
  constructor(private readonly records: SyncRecordsRepository) {}

  /** The events of a batch (one organization, oldest first): the push targets are read once. */
  @OnDomainEvent(PUSHED_EVENTS, { batch: true })
  async handle(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const changed = events.filter((e) => e.aggregateId);
    if (changed.length === 0) return;
    const targets = await this.records.pushTargets(manager, changed[0].organizationId);
    if (targets.length === 0) return;
    for (const event of changed) await this.push(manager, event, targets);
  }

  private async push(manager: EntityManager, event: DomainEvent, targets: string[]): Promise<void> {
    if (!event.aggregateId) return;
    const type = event.type.split('.')[0] as SyncRecordType;
    const values = await this.currentValues(manager, event.organizationId, type, event.aggregateId);
    if (!values) return;
    for (const integrationId of targets) {
      const record = await this.records.lockRecord(manager, event.organizationId, integrationId, type, event.aggregateId);
      if (record && !record.push_pending && sameValues(values, record.snapshot)) continue;
      await this.records.requestPush(manager, event.organizationId, integrationId, type, event.aggregateId);
    }
  }

  /** What would be pushed now, or null when the record is gone or (a task) has no linked assignee. */
  private async currentValues(manager: EntityManager, organizationId: string, type: SyncRecordType, id: string): Promise<SyncValues | null> {
    if (type === 'deal') {
      const deal = await this.records.deal(manager, organizationId, id);
      return deal ? dealValues(deal) : null;
    }
    const task = await this.records.task(manager, organizationId, id);
    return task?.assignee_employee_id ? taskValues(task) : null;
  }
}
