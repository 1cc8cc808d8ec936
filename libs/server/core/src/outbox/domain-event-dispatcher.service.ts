import { Injectable, Logger } from '@nestjs/common';
import { SEALED, SealedColumns } from '../crypto/sealed-columns.cipher';
import { DomainEvent, DomainEventHandlers } from './domain-event-handlers.registry';
import { ClaimedOutboxRow, OutboxRepository } from './outbox.repository';

export type DispatchResult = 'processed' | 'duplicate';

/** What became of a batch: every event is processed, a duplicate (processed before) or failed. */
export interface BatchDispatchResult {
  processed: number;
  duplicate: number;
  failed: { eventId: string; error: Error }[];
}


/**
 * Processes relayed events exactly once: the processed mark and every handler's writes share
 * one transaction, and a second delivery of the same event finds it already marked. A batch
 * (one organization) is claimed with one statement and handled in one transaction; when that
 * transaction fails, each event of the batch gets a transaction of its own, so a poison event
 * fails alone and the others commit. Payloads are opened here, once per event; one that does
 * not decrypt (tampered, or copied from another row) fails its event.
 */
@Injectable()
export class DomainEventDispatcher {
  private readonly logger = new Logger(DomainEventDispatcher.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly handlers: DomainEventHandlers,
    private readonly sealed: SealedColumns,
  ) {}

  async dispatch(organizationId: string, eventId: string): Promise<DispatchResult> {
    const processed = await this.process(organizationId, [eventId]);
    return processed === 1 ? 'processed' : 'duplicate';
  }

  async dispatchBatch(organizationId: string, eventIds: string[]): Promise<BatchDispatchResult> {
    const ids = [...new Set(eventIds)];
    try {
      const processed = await this.process(organizationId, ids);
      return { processed, duplicate: ids.length - processed, failed: [] };
    } catch (e) {
      if (ids.length === 1) return { processed: 0, duplicate: 0, failed: [{ eventId: ids[0], error: e as Error }] };
      this.logger.warn(`A batch of ${ids.length} events failed (${(e as Error).message}); processing them one by one`);
    }
    const result: BatchDispatchResult = { processed: 0, duplicate: 0, failed: [] };
    for (const eventId of ids) {
      try {
        result[await this.dispatch(organizationId, eventId)]++;
      } catch (e) {
        result.failed.push({ eventId, error: e as Error });
      }
    }
    return result;
  }

  /** Claims the still unprocessed events and runs the handlers on them, oldest first, in one transaction; returns how many. Handlers' after-commit work runs once it has committed. */
  private async process(organizationId: string, ids: string[]): Promise<number> {
    let afterCommit: (() => void)[] = [];
    const processed = await this.outbox.transaction(async (manager) => {
      const rows = ids.length === 1
        ? [await this.outbox.claimForProcessing(manager, organizationId, ids[0])].filter((r): r is ClaimedOutboxRow => r !== null)
        : await this.outbox.claimManyForProcessing(manager, organizationId, ids);
      if (rows.length === 0) return 0;
      const order = new Map(ids.map((id, i) => [id, i]));
      const events = rows.map((row) => this.toEvent(row)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      afterCommit = await this.handlers.handle(events, manager);
      return events.length;
    });
    for (const work of afterCommit) this.afterCommit(work);
    return processed;
  }

  /** A handler's after-commit work: the events are processed whatever it does. */
  private afterCommit(work: () => void): void {
    try {
      work();
    } catch (e) {
      this.logger.warn(`After-commit work of an event handler failed: ${(e as Error).message}`);
    }
  }

  private toEvent(row: ClaimedOutboxRow): DomainEvent {
    return {
      id: row.id,
      organizationId: row.organization_id,
      type: row.type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      payload: this.sealed.openJson(SEALED.eventPayload, { organizationId: row.organization_id, id: row.id }, row.payload),
      createdAt: row.created_at,
    };
  }
}
