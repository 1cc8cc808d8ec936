import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository } from '@clockwork/server-core';
import { UNLOCKED_TIME_ENTRY } from '@clockwork/server-timesheets';
import type { TimeEntryDto, TimeEntryQueryDto } from '@clockwork/shared-dto';
import { AuditLog, TimeEntry } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { rowToEntity, timeEntryAuditChangesFromJsonSql, timeEntryDtoFromJsonSql, timeEntryJsonColumnsSql } from '../time-entry.mapper';
import type { NormalizedEntry } from './time-entry.rules';
import type { MappingResult } from '../matching/matching.types';

/** Lists are ordered by start_time (every filter index ends with start_time, id). */
export const TIME_ENTRY_SORTS: SortFields<TimeEntry> = {
  start_time: { column: 'start_time', cast: 'timestamptz', property: 'startTime' },
};

/** One entry to store: `id` if it is new; `audit_id`, `event_id`: of its audit row and event. */
export type IngestRow = NormalizedEntry & MappingResult & { ord: number; id: string; audit_id: string; event_id: string };
/** Who the audit rows of an ingestion name (AuditWriter.recordMany's actor and request id). */
export interface IngestAudit {
  actorType: AuditLog['actorType'];
  actorId: string | null;
  requestId: string | null;
}
/** A stored write of ingestMany: the row, and its outbox event for the caller to seal and insert. */
export interface IngestedRow<T> {
  entity: T;
  inserted: boolean;
  /** `payload`: JSON text. */
  event: { id: string; type: string; payload: string };
}
/** What a batch answers with for each stored entry. */
export type TimeEntryRef = Pick<TimeEntry, 'id' | 'externalId' | 'mappingStatus'>;

/** Joins a stored row back to its input row: by external_id, else by the id given to it. */
const ENTRY_KEY = (alias: string) => `(CASE WHEN ${alias}.external_id IS NULL THEN 'id:' || ${alias}.id ELSE 'ext:' || ${alias}.external_id END)`;

const RECORD = `r(ord int, id uuid, audit_id uuid, event_id uuid, external_id text, user_id uuid, employee_id text, deal_id uuid, task_id uuid, account_id uuid, project_name text,
  tags text[], start_time timestamptz, end_time timestamptz, duration_seconds int, activity_type text, productivity_score numeric, source text,
  mapping_status text, mapping_rule text, unmapped_reason text, source_updated_at timestamptz, billable boolean)`;

/** An agent's update keeps a manager's manual assignment. */
const keepManual = (column: string) => `${column} = CASE WHEN t.mapping_rule = 'manual' THEN t.${column} ELSE EXCLUDED.${column} END`;

@Injectable()
export class TimeEntriesRepository extends TenantRepository<TimeEntry> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, TimeEntry, 'Time entry');
  }

  /** `only`: just the entries of this user (null: none at all), for callers who see only their own. */
  listPage(query: TimeEntryQueryDto, map: (e: TimeEntry) => TimeEntryDto, only?: { userId: string | null }) {
    const qb = this.scoped('e');
    if (only) qb.andWhere(only.userId === null ? 'false' : 'e.user_id = :self', { self: only.userId });
    if (query.deal_id) qb.andWhere('e.deal_id = :deal', { deal: query.deal_id });
    if (query.task_id) qb.andWhere('e.task_id = :task', { task: query.task_id });
    if (query.user_id) qb.andWhere('e.user_id = :user', { user: query.user_id });
    if (query.account_id) qb.andWhere('e.account_id = :account', { account: query.account_id });
    if (query.mapping_status) qb.andWhere('e.mapping_status = :status', { status: query.mapping_status });
    if (query.date_from) qb.andWhere('e.start_time >= :from::timestamptz', { from: query.date_from });
    if (query.date_to) qb.andWhere('e.start_time < :to::timestamptz', { to: query.date_to });
    return listPage(qb, 'e', query, TIME_ENTRY_SORTS, 'start_time:desc', map);
  }

  /** The stored entries with these external ids, locked for the rest of the transaction. */
  async lockByExternalIds(manager: EntityManager, externalIds: string[]): Promise<Map<string, TimeEntry>> {
    if (externalIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM time_entries WHERE organization_id = $1 AND external_id = ANY($2::text[]) ORDER BY external_id FOR UPDATE`,
      [this.organizationId, externalIds],
    );
    return new Map(rows.map((r) => [r['external_id'] as string, rowToEntity(r)]));
  }

  async findByExternalIds(manager: EntityManager, externalIds: string[]): Promise<Map<string, TimeEntry>> {
    if (externalIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM time_entries WHERE organization_id = $1 AND external_id = ANY($2::text[])`, [this.organizationId, externalIds]);
    return new Map(rows.map((r) => [r['external_id'] as string, rowToEntity(r)]));
  }

  /**
   * One statement for the whole batch: new entries are inserted; an entry whose external_id
   * is stored replaces it only when its source timestamp is newer and it is not locked by an
   * approved timesheet (otherwise nothing happens and the row is not returned). The same statement writes, for each stored write, its audit
   * row (AuditWriter.recordMany's columns; changes = auditDiff of the entry's wire shape before
   * and after), with the ids given in `rows`, and answers each write's outbox event (`event`:
   * its id, type as eventTypeOf, payload = the wire shape after, as JSON text), which the caller
   * seals (encrypts, bound to the row) and inserts: event payloads never reach the table in
   * plain text. `lockedIds`: the stored entries read (and locked) before, the "before" of the
   * updates. Returns the inserted and updated rows: whole (`entity`) or just id, external id and
   * mapping status (`ref`).
   *
   * Why one statement: the rollup trigger runs at its end and locks the time_rollups rows it
   * adds to until commit, so concurrent batches wait for each other from there on; writing the
   * audit rows before that point keeps the wait to the trigger, the events' insert and the commit.
   */
  async ingestMany(manager: EntityManager, rows: IngestRow[], lockedIds: string[], audit: IngestAudit, returning: 'entity'): Promise<IngestedRow<TimeEntry>[]>;
  async ingestMany(manager: EntityManager, rows: IngestRow[], lockedIds: string[], audit: IngestAudit, returning: 'ref'): Promise<IngestedRow<TimeEntryRef>[]>;
  async ingestMany(manager: EntityManager, rows: IngestRow[], lockedIds: string[], audit: IngestAudit, returning: 'entity' | 'ref'): Promise<IngestedRow<TimeEntryRef>[]> {
    if (rows.length === 0) return [];
    const result: Record<string, unknown>[] = await manager.query(
      `WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS ${RECORD}),
       before AS (SELECT * FROM time_entries WHERE organization_id = $1 AND id = ANY($3::uuid[])),
       up AS (
         INSERT INTO time_entries AS t (organization_id, id, external_id, user_id, employee_id, deal_id, task_id, account_id, project_name, tags,
                start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, mapping_rule, unmapped_reason,
                source_updated_at, billable)
         SELECT $1, r.id, r.external_id, r.user_id, r.employee_id, r.deal_id, r.task_id, r.account_id, r.project_name, coalesce(r.tags, '{}'),
                r.start_time, r.end_time, r.duration_seconds, r.activity_type, r.productivity_score, r.source, r.mapping_status, r.mapping_rule,
                r.unmapped_reason, r.source_updated_at, r.billable
           FROM r
          ORDER BY r.external_id NULLS LAST, r.ord
         ON CONFLICT (organization_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
           user_id = EXCLUDED.user_id, employee_id = EXCLUDED.employee_id, project_name = EXCLUDED.project_name, tags = EXCLUDED.tags,
           start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time, duration_seconds = EXCLUDED.duration_seconds,
           activity_type = EXCLUDED.activity_type, productivity_score = EXCLUDED.productivity_score, source = EXCLUDED.source,
           billable = EXCLUDED.billable, source_updated_at = EXCLUDED.source_updated_at,
           ${['deal_id', 'task_id', 'account_id', 'mapping_status', 'mapping_rule', 'unmapped_reason'].map(keepManual).join(', ')},
           version = t.version + 1, updated_at = now()
         WHERE EXCLUDED.source_updated_at IS NOT NULL AND (t.source_updated_at IS NULL OR EXCLUDED.source_updated_at > t.source_updated_at)
           AND ${UNLOCKED_TIME_ENTRY('t')}
         RETURNING t.*, (t.xmax = 0) AS inserted),
       json AS MATERIALIZED (
         SELECT up.id, up.inserted, r.audit_id, r.event_id, ${timeEntryJsonColumnsSql('up', 'a_')}, ${timeEntryJsonColumnsSql('b', 'b_')},
                CASE WHEN b.id IS NULL OR b.mapping_status <> up.mapping_status OR b.deal_id IS DISTINCT FROM up.deal_id OR b.task_id IS DISTINCT FROM up.task_id
                     THEN 'time_entry.' || up.mapping_status ELSE 'time_entry.updated' END AS event_type
           FROM up
           JOIN r ON ${ENTRY_KEY('up')} = ${ENTRY_KEY('r')}
           LEFT JOIN before b ON NOT up.inserted AND b.id = up.id),
       w AS (
         SELECT id, inserted, audit_id, event_id, event_type, ${timeEntryDtoFromJsonSql('a_')} AS payload, ${timeEntryAuditChangesFromJsonSql('b_', 'a_')} AS changes FROM json),
       audit AS (
         INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, request_id)
         SELECT $1, w.audit_id, $4, $5, CASE WHEN w.inserted THEN 'create' ELSE 'update' END, 'time_entry', w.id, w.changes, $6 FROM w)
       SELECT ${returning === 'entity' ? 'up.*' : 'up.id, up.external_id, up.mapping_status, up.inserted'},
              w.event_id AS ev_id, w.event_type AS ev_type, w.payload::text AS ev_payload
         FROM up JOIN w ON w.id = up.id`,
      [this.organizationId, JSON.stringify(rows), lockedIds, audit.actorType, audit.actorId, audit.requestId],
    );
    return result.map(({ inserted, ev_id, ev_type, ev_payload, ...row }) => ({
      entity: rowToEntity(row),
      inserted: inserted === true,
      event: { id: ev_id as string, type: ev_type as string, payload: ev_payload as string },
    }));
  }

  /**
   * Remembers the hashed external ids of personal entries (nothing else of them) and returns the
   * hashes seen for the first time: a re-sent personal entry is not counted twice.
   */
  async firstSeenPersonalKeys(manager: EntityManager, keys: { hash: string; day: string }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { hash: string }[] = await manager.query(
      `INSERT INTO personal_entry_keys (organization_id, key_hash, day)
       SELECT $1, decode(r.hash, 'hex'), r.day FROM jsonb_to_recordset($2::jsonb) AS r(hash text, day date) ORDER BY r.hash
       ON CONFLICT (organization_id, key_hash) DO NOTHING
       RETURNING encode(key_hash, 'hex') AS hash`,
      [this.organizationId, JSON.stringify(keys)],
    );
    return new Set(rows.map((r) => r.hash));
  }

  /** Adds personal time to the per-person, per-day counters (the entries themselves are not kept). */
  async countPersonal(manager: EntityManager, counters: { id: string; day: string; employee_id: string; user_id: string | null; entries: number; seconds: number }[]): Promise<void> {
    if (counters.length === 0) return;
    await manager.query(
      `INSERT INTO personal_time_counters (organization_id, id, day, employee_id, user_id, entries, seconds)
       SELECT $1, r.id, r.day, r.employee_id, r.user_id, r.entries, r.seconds
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, day date, employee_id text, user_id uuid, entries int, seconds bigint)
       ON CONFLICT (organization_id, day, employee_id, (coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid))) DO UPDATE SET
         entries = personal_time_counters.entries + EXCLUDED.entries, seconds = personal_time_counters.seconds + EXCLUDED.seconds, updated_at = now()`,
      [this.organizationId, JSON.stringify(counters)],
    );
  }

  /** Which of these user ids are of the caller's organization. */
  async usersOfOrganization(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [this.organizationId, ids]);
    return new Set(rows.map((r) => r.id));
  }
}
