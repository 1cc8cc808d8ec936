import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantBaseEntity } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Principal } from '../auth/principal.types';
import { RequestContext } from '../auth/request-context.store';
import { AuditEntry, AuditWriter } from '../audit/audit.writer';
import type { DomainEventType } from '../outbox/domain-event.catalogue';
import { NewDomainEvent, OutboxWriter } from '../outbox/outbox.writer';
import { assertVersion } from '../tenancy/if-match.rules';
import type { TenantRepository } from '../tenancy/tenant.repository';

/** A domain event of the caller's organization (NewDomainEvent without it). */
export type RecordEvent = Omit<NewDomainEvent, 'organizationId'>;

/** How the audit log names a kind of record and shows it before and after a write (usually its DTO). */
export interface AuditedRecord<T> {
  /** The audit log's object type, e.g. `cost_rate`. */
  objectType: string;
  view: (row: T) => object;
}

/** An aggregate with the three catalogued events `<aggregate>.created`, `.updated` and `.deleted`. */
export type CrudAggregate = {
  [E in DomainEventType]: E extends `${infer A}.created` ? (`${A}.updated` | `${A}.deleted` extends DomainEventType ? A : never) : never;
}[DomainEventType];

/** A record whose every create, update and delete is audited and published as `<aggregate>.created|updated|deleted`. */
export interface CrudRecord<T> extends AuditedRecord<T> {
  aggregateType: CrudAggregate;
}

export type CrudAction = 'create' | 'update' | 'delete';

const PAST: Record<CrudAction, 'created' | 'updated' | 'deleted'> = { create: 'created', update: 'updated', delete: 'deleted' };

/**
 * The write side every domain service shares: one transaction on the primary, and in it the
 * audit row (AuditWriter) and the domain event (OutboxWriter) of each change, for the caller of
 * the request context; plus the read-modify-write of a versioned record (lock, If-Match, bump).
 * A service injects this instead of DataSource, AuditWriter, OutboxWriter and RequestContext.
 */
@Injectable()
export class RecordWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditWriter: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  /** The caller's organization (401 without a caller). */
  get organizationId(): string {
    return this.context.organizationId;
  }

  get principal(): Principal | undefined {
    return this.context.principal;
  }

  /** The calling user's id, for a `created_by` column: null for an API key, a job or no caller. */
  get userId(): string | null {
    const principal = this.context.principal;
    return principal?.kind === 'user' ? principal.id : null;
  }

  /** The primary's manager, for reads outside a transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** One transaction on the primary (at the database's default isolation unless given). */
  transaction<R>(work: (manager: EntityManager) => Promise<R>, isolation?: IsolationLevel): Promise<R> {
    return isolation ? this.dataSource.transaction(isolation, work) : this.dataSource.transaction(work);
  }

  /** An audit row in the caller's transaction. */
  audit(manager: EntityManager, entry: AuditEntry): Promise<void> {
    return this.auditWriter.record(manager, entry);
  }

  /** A domain event of the caller's organization in the caller's transaction. */
  async event(manager: EntityManager, event: RecordEvent): Promise<void> {
    await this.outbox.record(manager, { organizationId: this.organizationId, ...event });
  }

  /**
   * The audit row of one write of a record (`action` on the record as `kind.view` shows it before
   * and after; null: it did not exist) and, when given, its event: in the caller's transaction.
   */
  async written<T extends { id: string }>(manager: EntityManager, kind: AuditedRecord<T>, action: string, before: T | null, after: T | null, event?: RecordEvent): Promise<void> {
    const objectId = (after ?? before)?.id ?? null;
    await this.auditWriter.record(manager, { action, objectType: kind.objectType, objectId, before: before && kind.view(before), after: after && kind.view(after) });
    if (event) await this.event(manager, event);
  }

  /**
   * The audit row and the `<aggregate>.created|updated|deleted` event of a create, update or
   * delete: the event carries the record as `kind.view` shows it after the write, or `{ id }` when deleted.
   */
  changed<T extends { id: string }>(manager: EntityManager, kind: CrudRecord<T>, action: CrudAction, before: T | null, after: T | null): Promise<void> {
    const id = ((after ?? before) as T).id;
    const type = `${kind.aggregateType}.${PAST[action]}` as DomainEventType;
    return this.written(manager, kind, action, before, after, { type, aggregateType: kind.aggregateType, aggregateId: id, payload: (after ? kind.view(after) : { id }) as Record<string, unknown> });
  }

  /**
   * Read-modify-write of a versioned record in the caller's transaction: locked (404 when it is
   * not the caller's), checked by `may` (e.g. the ownership rule: it throws), refused on a stale
   * If-Match (412 naming `what`), then written with the values `change` gives (it may check them
   * and throw) and its version bumped.
   */
  async updateVersioned<T extends TenantBaseEntity & { version: number }>(
    manager: EntityManager,
    repository: TenantRepository<T>,
    id: string,
    expectedVersion: number | undefined,
    what: string,
    change: (before: T) => QueryDeepPartialEntity<T> | Promise<QueryDeepPartialEntity<T>>,
    may?: (before: T) => void,
  ): Promise<{ before: T; after: T }> {
    const before = await repository.lockById(manager, id);
    may?.(before);
    assertVersion(before.version, expectedVersion, what);
    const values = await change(before);
    const after = await repository.updateById(manager, id, { ...values, version: () => 'version + 1' } as QueryDeepPartialEntity<T>);
    return { before, after };
  }

  /** Locks and deletes one of the caller's records in the caller's transaction (404 when none; `may` throws to refuse); returns it as it was. */
  async deleteLocked<T extends TenantBaseEntity>(manager: EntityManager, repository: TenantRepository<T>, id: string, may?: (before: T) => void): Promise<T> {
    const before = await repository.lockById(manager, id);
    may?.(before);
    await repository.deleteById(manager, id);
    return before;
  }
}
