import { Injectable } from '@nestjs/common';
import { Env, ListOrder, preparedQuery, ReadReplicas, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { TimeEntryDto, TimeEntryQueryDto } from '@clockwork/shared-dto';
import { AuditLog, TimeEntry } from '@clockwork/shared-entities';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DealMatcherRepository, MappingReferences, ReferenceIds } from '../matching/deal-matcher.repository';
import { TIME_ENTRY_COLUMNS } from '../time-entry.fields';
import { rowToEntity } from '../time-entry.mapper';
import { timeEntryIngestSql } from './time-entry-ingest.sql';
import type { NormalizedEntry } from './time-entry.rules';
import type { MappingResult } from '../matching/matching.types';

/** Lists are ordered by start_time (every filter index ends with start_time, id). */
const BY_START_TIME: ListOrder<TimeEntry> = { sorts: { start_time: { column: 'start_time', cast: 'timestamptz', property: 'startTime' } }, fallback: 'start_time:desc' };

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

const INGEST_SQL = { entity: timeEntryIngestSql('entity'), ref: timeEntryIngestSql('ref') };

/**
 * Ingestion's first read, one statement: the stored entries of these external ids, locked for the
 * rest of the transaction (one row each; none: one row of NULLs), each row carrying the records the
 * DealMatcher's people and explicit steps decide from ($3..$6, DealMatcher.referenceIds).
 */
const LOCK_FOR_INGEST_SQL = `WITH locked AS (
  SELECT ${TIME_ENTRY_COLUMNS.join(', ')} FROM time_entries
   WHERE organization_id = $1 AND external_id = ANY($2::text[]) ORDER BY external_id FOR UPDATE)
SELECT locked.*, refs.refs
  FROM (SELECT ${DealMatcherRepository.referencesSql('$1', '$3', '$4', '$5', '$6')} AS refs) refs
  LEFT JOIN locked ON true`;

@Injectable()
export class TimeEntriesRepository extends TenantRepository<TimeEntry> {
  constructor(private readonly env: Env, private readonly replicas: ReadReplicas) {
    super(TimeEntry, 'Time entry');
  }

  /** A hot statement: named prepared unless DATABASE_PREPARED_STATEMENTS is off (preparedQuery). */
  private hot(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    return preparedQuery(manager, this.env.DATABASE_PREPARED_STATEMENTS, name, text, values);
  }

  /**
   * Runs `work` (ingestion inside `manager`'s transaction) with generic plans for prepared
   * statements; the service asks for them when an ingestion holds few entries
   * (GENERIC_PLANS_MAX_ENTRIES). PostgreSQL plans a named statement again at every call (a custom
   * plan) as long as it estimates the generic plan dearer than the custom ones, which it always
   * does for the two ingest statements (their id arrays mostly hold one element or none), and
   * planning them cost more than running them: bind 0.8 and 1.3 ms a call against 0.07 ms for a
   * generic plan (PostgreSQL's statement log under the bench's single POSTs). Their plans do not
   * depend on the values: every read is by key. `plan_cache_mode` is set transaction-locally (one
   * statement; it ends with the transaction) and put back after `work` when the transaction is a
   * caller's (`ownTransaction` false). Unnamed statements in between plan generically too: the
   * ingestion's are lookups by key and inserts; the fuzzy name match, whose plan does depend on
   * its values, sets `auto` for its own query (DealMatcherRepository.fuzzyDealCandidates). Nothing
   * to do when statements are not prepared (DATABASE_PREPARED_STATEMENTS=false).
   */
  async withGenericPlans<T>(manager: EntityManager, ownTransaction: boolean, work: () => Promise<T>): Promise<T> {
    if (!this.env.DATABASE_PREPARED_STATEMENTS) return work();
    const [{ previous }]: { previous: string }[] = await manager.query(
      `SELECT current_setting('plan_cache_mode') AS previous, set_config('plan_cache_mode', 'force_generic_plan', true)`,
    );
    const result = await work();
    if (!ownTransaction) await manager.query(`SELECT set_config('plan_cache_mode', $1, true)`, [previous]);
    return result;
  }

  /**
   * The stored entries with these external ids, locked for the rest of the transaction, and the
   * mapping's references of the entries about to be written (one round trip, LOCK_FOR_INGEST_SQL).
   */
  async lockForIngest(manager: EntityManager, externalIds: string[], ids: ReferenceIds): Promise<{ stored: Map<string, TimeEntry>; references: MappingReferences }> {
    const rows = await this.hot(manager, 'time_entries_lock_for_ingest', LOCK_FOR_INGEST_SQL, [
      this.organizationId, externalIds, ids.userIds, ids.employeeIds, ids.taskIds, ids.dealIds,
    ]);
    const references = rows[0]['refs'] as MappingReferences;
    const stored = new Map(rows.filter((r) => r['id'] !== null).map(({ refs: _refs, ...r }) => [r['external_id'] as string, rowToEntity(r)]));
    return { stored, references };
  }

  /** `only`: just the entries of this user (null: none at all), for callers who see only their own. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: TimeEntryQueryDto, map: (e: TimeEntry) => TimeEntryDto, only?: { userId: string | null }) {
    const filter = (qb: SelectQueryBuilder<TimeEntry>) => {
      if (only) qb.andWhere(only.userId === null ? 'false' : 'e.user_id = :self', { self: only.userId });
      whereEquals(qb, 'e', { deal_id: query.deal_id, task_id: query.task_id, user_id: query.user_id, account_id: query.account_id, mapping_status: query.mapping_status });
      if (query.date_from) qb.andWhere('e.start_time >= :from::timestamptz', { from: query.date_from });
      if (query.date_to) qb.andWhere('e.start_time < :to::timestamptz', { to: query.date_to });
    };
    return this.replicas.read((source) => this.page('e', query, map, { manager: source.manager, filter, order: BY_START_TIME }));
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
   * One statement for the whole batch (timeEntryIngestSql, committed as ingestion/sql/*.sql):
   * new entries are inserted; an entry whose external_id is stored replaces it only when its
   * source timestamp is newer and it is not locked by an approved timesheet (otherwise nothing happens and the row is not returned). The same statement writes, for each stored write, its audit
   * row (AuditWriter.insertManySql; changes = AuditWriter.changesSql, auditDiff of the entry's wire shape before
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
    const result = await this.hot(manager, `time_entries_ingest_${returning}`, INGEST_SQL[returning], [
      this.organizationId, JSON.stringify(rows), lockedIds, audit.actorType, audit.actorId, audit.requestId,
    ]);
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
