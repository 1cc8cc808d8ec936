import { Injectable } from '@nestjs/common';
import { AuditLog } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { v7 as uuidv7 } from 'uuid';
import { RequestContext } from '../auth/request-context.store';
import { auditDiff, ENCRYPTED_AUDIT_FIELDS, ENCRYPTED_VALUE, isAuditedField } from './audit-diff.rules';

/** SQL expressions, over the rows of `from`, of the columns of audit rows a statement writes itself (insertManySql). */
export interface AuditRowsSql {
  /** The CTE or table the rows come from (one audit row each). */
  from: string;
  organizationId: string;
  id: string;
  actorType: string;
  actorId: string;
  action: string;
  objectType: string;
  objectId: string;
  /** jsonb: e.g. changesSql's. */
  changes: string;
  requestId: string;
}

/** Who an audit row names as having acted. */
export interface AuditActor {
  type: AuditLog['actorType'];
  id: string | null;
}

/** A job of the platform (retention, schedules, deliveries): no user, no key. */
export const SYSTEM_ACTOR: AuditActor = Object.freeze({ type: 'system', id: null });

/** Someone not signed in (a refused login, a reused token). */
export const ANONYMOUS_ACTOR: AuditActor = Object.freeze({ type: 'anonymous', id: null });

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
  actor?: AuditActor;
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
   * An audit row of something the request's caller did not do, or done with no caller: by
   * `actor` (SYSTEM_ACTOR for a job, ANONYMOUS_ACTOR before sign-in, or the user just made or
   * signed in) in `organizationId`, in the caller's transaction.
   */
  recordAs(manager: EntityManager, organizationId: string, actor: AuditActor, entry: Omit<AuditEntry, 'organizationId' | 'actor'>): Promise<void> {
    return this.record(manager, { ...entry, organizationId, actor });
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
    entries: Pick<AuditEntry, 'action' | 'objectType' | 'objectId' | 'before' | 'after' | 'details'>[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      id: uuidv7(),
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      changes: {
        ...auditDiff((e.before ?? null) as Record<string, unknown> | null, (e.after ?? null) as Record<string, unknown> | null, ENCRYPTED_AUDIT_FIELDS[e.objectType]),
        ...(e.details ?? {}),
      },
    }));
    await manager.query(
      `INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, request_id)
       SELECT $1, r.id, $2, $3, r.action, r.object_type, r.object_id, r.changes, $4
         FROM jsonb_to_recordset($5::jsonb) AS r(id uuid, action text, object_type text, object_id uuid, changes jsonb)`,
      [organizationId, actor.type, actor.id, requestId, JSON.stringify(rows)],
    );
  }

  /**
   * Set-based audit rows, for one statement that writes many records (batch ingestion): the
   * SQL that inserts one audit row per row of `rows.from` (a CTE of the caller's statement).
   */
  static insertManySql(rows: AuditRowsSql): string {
    return `INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, request_id)
         SELECT ${rows.organizationId}, ${rows.id}, ${rows.actorType}, ${rows.actorId}, ${rows.action}, ${rows.objectType}, ${rows.objectId}, ${rows.changes}, ${rows.requestId}
           FROM ${rows.from}`;
  }

  /**
   * auditDiff in SQL, as jsonb: `{ field: { from, to } }` for each audited field whose JSON
   * differs, from each field's JSON text before and after (SQL expressions, 'null' for none);
   * the object type's encrypted fields show as ENCRYPTED_VALUE, as auditDiff writes them.
   */
  static changesSql(objectType: string, fields: { field: string; before: string; after: string }[]): string {
    const encrypted = ENCRYPTED_AUDIT_FIELDS[objectType] ?? [];
    const shown = (field: string, json: string) => (encrypted.includes(field) ? `CASE WHEN ${json} = 'null' THEN 'null' ELSE '"${ENCRYPTED_VALUE}"' END` : json);
    const changed = fields
      .filter((f) => isAuditedField(f.field))
      .map((f) => `CASE WHEN ${f.before} <> ${f.after} THEN ',"${f.field}":{"from":' || ${shown(f.field, f.before)} || ',"to":' || ${shown(f.field, f.after)} || '}' ELSE '' END`);
    return `('{' || substr(${changed.join('\n           || ')}, 2) || '}')::jsonb`;
  }
}
