import { Injectable } from '@nestjs/common';
import { AuditLog } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { v7 as uuidv7 } from 'uuid';
import { RequestContext } from '../auth/request-context';
import { auditDiff, ENCRYPTED_AUDIT_FIELDS } from './audit-diff';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string | null;
  /** The record before and after the write; the diff of the two is stored. */
  before?: object | null;
  after?: object | null;
  /** Extra facts for non-CRUD events (e.g. the email of a failed login). */
  details?: Record<string, unknown>;
  /** Defaults to the caller's organization. */
  organizationId?: string;
  /** Defaults to the caller; for events before anyone is signed in (signup, login). */
  actor?: { type: AuditLog['actorType']; id: string | null };
}

/**
 * Writes one audit row in the caller's transaction, so the log holds exactly the changes
 * that were committed. The actor, request id and IP come from the request context.
 */
@Injectable()
export class AuditWriter {
  constructor(private readonly context: RequestContext) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Audit entry ${entry.objectType}.${entry.action} must be written inside a transaction`);
    }
    const principal = this.context.principal;
    const changes = {
      ...(entry.before !== undefined || entry.after !== undefined
        ? auditDiff((entry.before ?? null) as Record<string, unknown> | null, (entry.after ?? null) as Record<string, unknown> | null, ENCRYPTED_AUDIT_FIELDS[entry.objectType])
        : {}),
      ...(entry.details ?? {}),
    };
    const row: QueryDeepPartialEntity<AuditLog> = {
      id: uuidv7(),
      organizationId: entry.organizationId ?? this.context.organizationId,
      actorType: entry.actor?.type ?? principal?.kind ?? 'system',
      actorId: entry.actor ? entry.actor.id : (principal?.id ?? null),
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      changes: changes as QueryDeepPartialEntity<Record<string, unknown>>,
      requestId: this.context.requestId ?? null,
      ip: this.context.ip ?? null,
    };
    await manager.insert(AuditLog, row);
  }

  /**
   * Many audit rows in one statement (bulk work such as imports), all by one actor of one
   * organization; `requestId` ties them to the work that made them (e.g. `import:<id>`).
   */
  async recordMany(
    manager: EntityManager,
    organizationId: string,
    actor: { type: AuditLog['actorType']; id: string | null },
    requestId: string | null,
    entries: Pick<AuditEntry, 'action' | 'objectType' | 'objectId' | 'before' | 'after'>[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      id: uuidv7(),
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      changes: auditDiff((e.before ?? null) as Record<string, unknown> | null, (e.after ?? null) as Record<string, unknown> | null, ENCRYPTED_AUDIT_FIELDS[e.objectType]),
    }));
    await manager.query(
      `INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, request_id)
       SELECT $1, r.id, $2, $3, r.action, r.object_type, r.object_id, r.changes, $4
         FROM jsonb_to_recordset($5::jsonb) AS r(id uuid, action text, object_type text, object_id uuid, changes jsonb)`,
      [organizationId, actor.type, actor.id, requestId, JSON.stringify(rows)],
    );
  }
}
