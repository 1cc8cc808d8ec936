import { Injectable } from '@nestjs/common';
import { OutboxEvent } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { v7 as uuidv7 } from 'uuid';

export interface NewDomainEvent {
  organizationId: string;
  /** Dotted event name from the contract, e.g. `deal.stage_changed`. */
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Records a domain event in the caller's transaction. Pass the transaction's EntityManager:
 * the event exists exactly when the change it describes was committed.
 */
@Injectable()
export class OutboxWriter {
  async record(manager: EntityManager, event: NewDomainEvent): Promise<OutboxEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox event ${event.type} must be recorded inside a transaction`);
    }
    const row = manager.create(OutboxEvent, { ...event, id: uuidv7() });
    await manager.insert(OutboxEvent, row as QueryDeepPartialEntity<OutboxEvent>);
    return row;
  }
}
