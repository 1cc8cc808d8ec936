import { Injectable } from '@nestjs/common';
import { DomainEvent, eventsOf, OnDomainEvent } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';
import { DealBudgetAlertsService } from './deal-budget-alerts.service';

/**
 * Where budget alerts are checked: after ingestion (or any other write to time entries) has
 * committed, when the worker handles the batch of `time_entry.*` events, in the transaction that
 * marks them processed. The rollups it reads are committed by then, the ingestion SQL stays as
 * it is, and a failed check is retried with its events; the unique alert key keeps concurrent
 * batches from firing a threshold twice.
 */
@Injectable()
export class DealBudgetHandler {
  constructor(private readonly alerts: DealBudgetAlertsService) {}

  @OnDomainEvent(eventsOf('time_entry'), { batch: true })
  async check(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const deals = events.map((e) => e.payload['deal_id']).filter((id): id is string => typeof id === 'string');
    if (deals.length > 0) await this.alerts.check(manager, events[0].organizationId, deals);
  }
}
