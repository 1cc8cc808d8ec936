import { Injectable } from '@nestjs/common';
import { DomainEventHandlers } from './domain-event-handlers';
import { OutboxRepository } from './outbox.repository';

export type DispatchResult = 'processed' | 'duplicate';

/**
 * Processes one relayed event exactly once: the processed mark and every handler's writes
 * share one transaction, and a second delivery of the same event finds it already marked.
 */
@Injectable()
export class DomainEventDispatcher {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly handlers: DomainEventHandlers,
  ) {}

  dispatch(organizationId: string, eventId: string): Promise<DispatchResult> {
    return this.outbox.transaction(async (manager) => {
      const row = await this.outbox.claimForProcessing(manager, organizationId, eventId);
      if (!row) return 'duplicate';
      const event = {
        id: row.id,
        organizationId: row.organization_id,
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payload: row.payload,
        createdAt: row.created_at,
      };
      for (const handle of this.handlers.for(event.type)) await handle(event, manager);
      return 'processed';
    });
  }
}
