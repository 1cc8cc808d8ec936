import { Injectable } from '@nestjs/common';
import { OutboxEvent } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { v7 as uuidv7 } from 'uuid';
import { Env } from '../config/environment.config';
import { SEALED, SealedColumns } from '../crypto/sealed-columns.cipher';
import { preparedQuery } from '../database/prepared-query.util';
import type { DomainEventType } from './domain-event.catalogue';

export interface NewDomainEvent {
  organizationId: string;
  /** A catalogued event name (domain-event.catalogue.ts), e.g. `deal.stage_changed`. */
  type: DomainEventType;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
}

/** An event row to insert: its payload sealed to the row (organization, id). */
export interface SealedEventRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string | null;
  payload: string;
}

/** insertSealed's statement: kept prepared (once per connection, preparedQuery), as ingestion runs it on every write. */
const INSERT_SEALED_SQL = `INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload)
       SELECT $1, r.id, r.type, r.aggregate_type, r.aggregate_id, r.payload
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[]) AS r(id, type, aggregate_type, aggregate_id, payload)`;

/**
 * Records a domain event in the caller's transaction. Pass the transaction's EntityManager:
 * the event exists exactly when the change it describes was committed. The payload is stored
 * encrypted (SealedColumns, bound to the row); the worker opens it to handle the event.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly sealed: SealedColumns,
    private readonly env: Env,
  ) {}

  async record(manager: EntityManager, event: NewDomainEvent): Promise<OutboxEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox event ${event.type} must be recorded inside a transaction`);
    }
    const id = uuidv7();
    const row = manager.create(OutboxEvent, { ...event, id, payload: this.seal(event.organizationId, id, event.payload) });
    await manager.insert(OutboxEvent, row as QueryDeepPartialEntity<OutboxEvent>);
    return row;
  }

  /** The stored form of a payload: JSON, encrypted and bound to its row. */
  seal(organizationId: string, id: string, payload: unknown): string {
    return this.sealed.sealJson(SEALED.eventPayload, { organizationId, id }, payload);
  }

  /** The stored form of a payload already serialized as JSON text. */
  sealText(organizationId: string, id: string, json: string): string {
    return this.sealed.seal(SEALED.eventPayload, { organizationId, id }, json);
  }

  /** Event rows of one organization, ids given, payloads sealed: for a statement that inserts them itself. */
  sealRows(organizationId: string, events: { id: string; type: string; aggregateType: string; aggregateId: string | null; payload: unknown }[]): SealedEventRow[] {
    return events.map((e) => ({ id: e.id, type: e.type, aggregate_type: e.aggregateType, aggregate_id: e.aggregateId, payload: this.seal(organizationId, e.id, e.payload) }));
  }

  /** Inserts sealed event rows of one organization with one statement (arrays, no JSON round trip). */
  async insertSealed(manager: EntityManager, organizationId: string, rows: SealedEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await preparedQuery(manager, this.env.DATABASE_PREPARED_STATEMENTS, 'outbox_events_insert_sealed', INSERT_SEALED_SQL, [
      organizationId, rows.map((r) => r.id), rows.map((r) => r.type), rows.map((r) => r.aggregate_type), rows.map((r) => r.aggregate_id), rows.map((r) => r.payload),
    ]);
  }

  /** Many events of one organization in one statement (bulk work), in the caller's transaction. */
  async recordMany(manager: EntityManager, organizationId: string, events: Omit<NewDomainEvent, 'organizationId'>[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Outbox events must be recorded inside a transaction');
    if (events.length === 0) return;
    await this.insertSealed(manager, organizationId, this.sealRows(organizationId, events.map((e) => ({ ...e, id: uuidv7() }))));
  }

  /**
   * Set-based events, for one statement that writes many records (batch ingestion): the select
   * list of each written row's event (SQL expressions: its id, type and payload as JSON text),
   * which the caller seals (sealText) and inserts (insertSealed): payloads never reach the table in
   * plain text, so the statement only selects them.
   */
  static eventColumnsSql(event: { id: string; type: string; payload: string }): string {
    return `${event.id} AS ev_id, ${event.type} AS ev_type, ${event.payload}::text AS ev_payload`;
  }

  /** A payload's JSON text from its fields' JSON texts (SQL expressions), as jsonb. */
  static payloadSql(fields: { field: string; json: string }[]): string {
    return `('{' || ${fields.map((f) => `'"${f.field}":' || ${f.json}`).join(`\n           || ',' || `)} || '}')::jsonb`;
  }
}
