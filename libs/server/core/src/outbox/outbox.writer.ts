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

  /** Many events of one organization in one statement (bulk work), in the caller's transaction. */
  async recordMany(manager: EntityManager, organizationId: string, events: Omit<NewDomainEvent, 'organizationId'>[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Outbox events must be recorded inside a transaction');
    if (events.length === 0) return;
    const rows = events.map((e) => ({ id: uuidv7(), type: e.type, aggregate_type: e.aggregateType, aggregate_id: e.aggregateId, payload: e.payload }));
    await manager.query(
      `INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload)
       SELECT $1, r.id, r.type, r.aggregate_type, r.aggregate_id, r.payload
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, type text, aggregate_type text, aggregate_id uuid, payload jsonb)`,
      [organizationId, JSON.stringify(rows)],
    );
  }
}
