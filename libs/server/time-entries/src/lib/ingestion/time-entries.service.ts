import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertVersion, AuditWriter, Metrics, OutboxWriter, RequestContext, timeEntryScope } from '@clockwork/server-core';
import {
  CreateTimeEntryDto,
  DURATION_TOLERANCE_SECONDS,
  FieldErrorDto,
  PatchTimeEntryDto,
  spanSeconds,
  TimeEntryBatchResultDto,
  TimeEntryDto,
  TimeEntryPageDto,
  TimeEntryQueryDto,
} from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { IngestAudit, IngestedRow, IngestRow, TimeEntriesRepository, TimeEntryRef } from './time-entries.repository';
import { DealMatcher } from '../matching/deal-matcher.service';
import { LockedEntryConflictsRepository } from './locked-entry-conflicts.repository';
import type { MappingResult } from '../matching/matching.types';
import { toTimeEntryDto, toTimeEntryDtoWithoutScore } from '../time-entry.mapper';
import { isNewer, isPersonal, normalizeEntry, NormalizedEntry, validateEntry, winnersByExternalId } from './time-entry.rules';

export type IngestStatus = TimeEntryBatchResultDto['status'];
export interface IngestResult<E extends TimeEntryRef = TimeEntry> {
  index: number;
  status: IngestStatus;
  entry?: E;
  errors?: FieldErrorDto[];
}

const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

/** Up to this many entries an ingestion runs on generic plans (TimeEntriesRepository.withGenericPlans). */
export const GENERIC_PLANS_MAX_ENTRIES = 100;

/**
 * Time entries. Ingestion (single or batch) is one transaction and set-based: a locking read of
 * the external ids already stored (which also reads the users, tasks and deals the entries name),
 * one mapping pass (no further query for an entry with a deal or task), one statement that upserts the entries and
 * writes their audit rows and outbox events (one per stored write, see eventTypeOf in time-entry.mapper.ts), and one
 * for the personal-time counters. Personal entries are counted, never stored.
 */
@Injectable()
export class TimeEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: TimeEntriesRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    private readonly matcher: DealMatcher,
    private readonly metrics: Metrics,
    private readonly lockedConflicts: LockedEntryConflictsRepository,
  ) {}

  private countOutcomes<R extends { status: IngestStatus }>(results: R[]): R[] {
    for (const r of results) this.metrics.timeEntriesIngested.inc({ outcome: r.status });
    return results;
  }

  /**
   * Admins and managers: every entry with its score. Sales and support: their own entries only
   * (a sales or support API key: none), without productivity scores (docs/permissions.md).
   */
  list(query: TimeEntryQueryDto): Promise<TimeEntryPageDto> {
    const scope = timeEntryScope(this.context.principal);
    return scope.all ? this.entries.listPage(query, toTimeEntryDto) : this.entries.listPage(query, toTimeEntryDtoWithoutScore, { userId: scope.userId });
  }

  unmapped(query: TimeEntryQueryDto): Promise<TimeEntryPageDto> {
    return this.entries.listPage({ ...query, mapping_status: 'unmapped' }, toTimeEntryDto);
  }

  /** Another person's entry is a 404 for sales and support, like another organization's. */
  async get(id: string): Promise<TimeEntryDto> {
    const scope = timeEntryScope(this.context.principal);
    const entry = await this.entries.getById(id);
    if (scope.all) return toTimeEntryDto(entry);
    if (scope.userId === null || entry.userId !== scope.userId) throw new NotFoundException('Time entry not found');
    return toTimeEntryDtoWithoutScore(entry);
  }

  /** `POST /time-entries`: 201 created, 200 the stored (or updated) entry, 202 counted (personal). */
  async createOne(dto: CreateTimeEntryDto): Promise<{ status: number; body: unknown }> {
    const [result] = await this.ingestValid([{ index: 0, dto }], 'entity');
    if (result.status === 'counted') return { status: 202, body: { status: 'counted' } };
    // The sync conflict is committed; the caller learns its update was not applied.
    if (result.status === 'locked') throw new ConflictException(`Time entry ${result.entry?.id} is locked by approved timesheet ${(result.entry as TimeEntry).approvedTimesheetId}; the update is kept in the sync conflicts`);
    return { status: result.status === 'created' ? 201 : 200, body: toTimeEntryDto(result.entry as TimeEntry) };
  }

  /** `POST /time-entries/batch`: each entry validated on its own, the valid ones stored together. */
  async createBatch(raw: unknown[]): Promise<{ results: TimeEntryBatchResultDto[] }> {
    const valid: { index: number; dto: CreateTimeEntryDto }[] = [];
    const invalid: IngestResult<TimeEntryRef>[] = [];
    raw.forEach((entry, index) => {
      const checked = validateEntry(entry);
      if (checked.dto) valid.push({ index, dto: checked.dto });
      else invalid.push({ index, status: 'invalid', errors: checked.errors });
    });
    this.countOutcomes(invalid);
    const results = [...invalid, ...(valid.length ? await this.ingestValid(valid, 'ref') : [])].sort((a, b) => a.index - b.index);
    return {
      results: results.map((r) =>
        r.entry ? { index: r.index, status: r.status, id: r.entry.id, mapping_status: r.entry.mappingStatus } : r.errors ? { index: r.index, status: r.status, errors: r.errors } : { index: r.index, status: r.status },
      ),
    };
  }

  /**
   * One entry (already validated) inside the caller's transaction, so that the caller's own
   * writes (a signed webhook's receipt) commit or roll back with it.
   */
  async ingestIn(manager: EntityManager, dto: CreateTimeEntryDto): Promise<IngestResult> {
    const [result] = await this.ingestValid([{ index: 0, dto }], 'entity', manager);
    return result;
  }

  /**
   * Deletes the entry with this external_id (audited) in the caller's transaction. An entry
   * locked by an approved timesheet is kept, the deletion listed in the sync conflicts.
   */
  async removeByExternalIdIn(manager: EntityManager, externalId: string): Promise<'deleted' | 'not_found' | 'locked'> {
    const before = (await this.entries.lockByExternalIds(manager, [externalId])).get(externalId);
    if (!before) return 'not_found';
    if (before.approvedTimesheetId) {
      await this.lockedConflicts.record(manager, this.context.organizationId, before, 'deleted');
      return 'locked';
    }
    await this.entries.deleteById(manager, before.id);
    await this.audit.record(manager, { action: 'delete', objectType: 'time_entry', objectId: before.id, before: toTimeEntryDto(before), after: null });
    return 'deleted';
  }

  /** `returning`: whole entries in the results (`entity`), or their id and mapping status (`ref`, a batch's answer). */
  private ingestValid(items: { index: number; dto: CreateTimeEntryDto }[], returning: 'entity', outer?: EntityManager): Promise<IngestResult[]>;
  private ingestValid(items: { index: number; dto: CreateTimeEntryDto }[], returning: 'ref', outer?: EntityManager): Promise<IngestResult<TimeEntryRef>[]>;
  private ingestValid(items: { index: number; dto: CreateTimeEntryDto }[], returning: 'entity' | 'ref', outer?: EntityManager): Promise<IngestResult<TimeEntryRef>[]> {
    const inTransaction = <T>(work: (m: EntityManager) => Promise<T>) => (outer ? work(outer) : this.dataSource.transaction(work));
    // Few entries: generic plans (planning the statements would cost more than running them).
    // A large batch: custom plans, which see its arrays' sizes, their planning spread over its rows.
    const ingest = (manager: EntityManager) => this.ingestIntoTransaction(manager, items, returning);
    const planned = (manager: EntityManager) => (items.length <= GENERIC_PLANS_MAX_ENTRIES ? this.entries.withGenericPlans(manager, !outer, () => ingest(manager)) : ingest(manager));
    return inTransaction(planned).then((results) => this.countOutcomes(results));
  }

  private async ingestIntoTransaction(manager: EntityManager, items: { index: number; dto: CreateTimeEntryDto }[], returning: 'entity' | 'ref'): Promise<IngestResult<TimeEntryRef>[]> {
    const results: IngestResult<TimeEntryRef>[] = [];
    const personal = items.filter((i) => isPersonal(i.dto));
    if (personal.length) {
      await this.countPersonal(manager, personal.map((i) => normalizeEntry(i.dto)));
      personal.forEach((i) => results.push({ index: i.index, status: 'counted' }));
    }
    const work = items.filter((i) => !isPersonal(i.dto)).map((i) => ({ index: i.index, entry: normalizeEntry(i.dto) }));
    if (work.length === 0) return results;

    const winnerOf = winnersByExternalId(work);
    const winners = work.filter((w) => winnerOf.get(w.index) === w.index);
    const externalIds = [...new Set(winners.map((w) => w.entry.external_id).filter((e): e is string => !!e))];
    // One round trip: the locking read, and the records the mapping of these entries looks up.
    const { stored, references } = await this.entries.lockForIngest(manager, externalIds, DealMatcher.referenceIds(winners.map((w) => w.entry)));
    // An entry already stored and not newer changes nothing: skip mapping it.
    const newer = winners.filter((w) => {
      const before = w.entry.external_id ? stored.get(w.entry.external_id) : undefined;
      return !before || isNewer(w.entry.source_updated_at, before.sourceUpdatedAt);
    });
    // A newer version of an entry locked by an approved timesheet: the entry stays as approved,
    // the platform's values go to the sync conflicts list (the batch statement skips locked rows too).
    const lockedEntry = (w: (typeof work)[number]) => (w.entry.external_id ? stored.get(w.entry.external_id) : undefined)?.approvedTimesheetId;
    for (const w of newer.filter(lockedEntry)) await this.lockedConflicts.record(manager, this.context.organizationId, stored.get(w.entry.external_id as string) as TimeEntry, w.entry);
    const toWrite = newer.filter((w) => !lockedEntry(w));
    const mappings = toWrite.length ? await this.matcher.mapMany(manager, this.context.organizationId, toWrite.map((w) => w.entry), references) : [];
    const rows = toWrite.map((w, i) => ingestRow(w.entry, mappings[i], w.index));
    const written: IngestedRow<TimeEntryRef>[] =
      returning === 'entity'
        ? await this.entries.ingestMany(manager, rows, [...stored.values()].map((e) => e.id), this.auditActor(), 'entity')
        : await this.entries.ingestMany(manager, rows, [...stored.values()].map((e) => e.id), this.auditActor(), 'ref');
    // The writes' events, encrypted here (bound to their rows), in one statement.
    const organizationId = this.context.organizationId;
    await this.outbox.insertSealed(
      manager,
      organizationId,
      written.map((w) => ({ id: w.event.id, type: w.event.type, aggregate_type: 'time_entry', aggregate_id: w.entity.id, payload: this.outbox.sealText(organizationId, w.event.id, w.event.payload) })),
    );

    const byId = new Map(written.map((w) => [w.entity.id, w]));
    const byExternal = new Map(written.filter((w) => w.entity.externalId).map((w) => [w.entity.externalId as string, w]));
    // Rows a concurrent request stored meanwhile (no conflict seen by the locking read).
    const missing = toWrite.filter((w, i) => !byId.has(rows[i].id) && !(w.entry.external_id && byExternal.has(w.entry.external_id)));
    const raced = await this.entries.findByExternalIds(manager, missing.map((w) => w.entry.external_id as string));

    const outcome = new Map<number, IngestResult<TimeEntryRef>>();
    for (const [i, w] of toWrite.entries()) {
      const hit = byId.get(rows[i].id) ?? (w.entry.external_id ? byExternal.get(w.entry.external_id) : undefined);
      if (hit) outcome.set(w.index, { index: w.index, status: hit.inserted ? 'created' : 'updated', entry: hit.entity });
      else outcome.set(w.index, { index: w.index, status: 'existing', entry: raced.get(w.entry.external_id as string) });
    }
    for (const w of winners) {
      if (!outcome.has(w.index)) outcome.set(w.index, { index: w.index, status: lockedEntry(w) && newer.includes(w) ? 'locked' : 'existing', entry: stored.get(w.entry.external_id as string) });
    }
    for (const w of work) {
      const own = outcome.get(w.index);
      if (own) results.push(own);
      else results.push({ index: w.index, status: 'existing', entry: (outcome.get(winnerOf.get(w.index) as number) as IngestResult<TimeEntryRef>).entry });
    }
    return results;
  }

  /** The actor of the audit rows of an ingestion (as AuditWriter.recordMany is given it). */
  private auditActor(): IngestAudit {
    const principal = this.context.principal;
    return { actorType: principal ? principal.kind : 'system', actorId: principal ? principal.id : null, requestId: this.context.requestId ?? null };
  }

  /**
   * Personal time: only how many entries and seconds per person and (UTC) day. An entry with an
   * external_id is counted once: its SHA-256 is remembered, never the id itself.
   */
  private async countPersonal(manager: EntityManager, all: NormalizedEntry[]): Promise<void> {
    const hashOf = (e: NormalizedEntry) => createHash('sha256').update(e.external_id as string).digest('hex');
    const keyed = [...new Map(all.filter((e) => e.external_id).map((e) => [hashOf(e), { hash: hashOf(e), day: e.start_time.slice(0, 10) }])).values()];
    const fresh = await this.entries.firstSeenPersonalKeys(manager, keyed);
    const counted = new Set<string>();
    const entries = all.filter((e) => {
      if (!e.external_id) return true;
      const hash = hashOf(e);
      if (!fresh.has(hash) || counted.has(hash)) return false;
      counted.add(hash);
      return true;
    });
    const users = await this.entries.usersOfOrganization(manager, [...new Set(entries.map((e) => e.user_id).filter((u): u is string => !!u))]);
    const counters = new Map<string, { id: string; day: string; employee_id: string; user_id: string | null; entries: number; seconds: number }>();
    for (const e of entries) {
      const day = e.start_time.slice(0, 10);
      const userId = e.user_id && users.has(e.user_id) ? e.user_id : null;
      const employeeId = e.employee_id ?? '';
      const key = `${day}|${employeeId}|${userId ?? ''}`;
      const counter = counters.get(key) ?? { id: uuidv7(), day, employee_id: employeeId, user_id: userId, entries: 0, seconds: 0 };
      counter.entries += 1;
      counter.seconds += e.duration_seconds;
      counters.set(key, counter);
    }
    await this.entries.countPersonal(manager, [...counters.values()]);
  }

  update(id: string, dto: PatchTimeEntryDto, expectedVersion?: number): Promise<TimeEntryDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.entries.lockById(manager, id);
      assertVersion(before.version, expectedVersion, 'time entry');
      const values = patchColumns(before, dto);
      const after = await this.entries.updateById(manager, id, { ...values, version: () => 'version + 1' });
      await this.audit.record(manager, { action: 'update', objectType: 'time_entry', objectId: id, before: toTimeEntryDto(before), after: toTimeEntryDto(after) });
      await this.outbox.record(manager, { organizationId: this.context.organizationId, type: 'time_entry.updated', aggregateType: 'time_entry', aggregateId: id, payload: toTimeEntryDto(after) as unknown as Record<string, unknown> });
      return toTimeEntryDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.entries.lockById(manager, id);
      await this.entries.deleteById(manager, id);
      await this.audit.record(manager, { action: 'delete', objectType: 'time_entry', objectId: id, before: toTimeEntryDto(before), after: null });
    });
  }
}

/** The row stored for an entry: its fields with the mapping's (an object literal: 5,000 spreads per batch are not free). */
function ingestRow(e: NormalizedEntry, m: MappingResult, ord: number): IngestRow {
  return {
    ord,
    id: uuidv7(),
    audit_id: uuidv7(),
    event_id: uuidv7(),
    external_id: e.external_id,
    user_id: m.user_id,
    employee_id: e.employee_id,
    deal_id: m.deal_id,
    task_id: m.task_id,
    account_id: m.account_id,
    project_name: e.project_name,
    tags: e.tags,
    start_time: e.start_time,
    end_time: e.end_time,
    duration_seconds: e.duration_seconds,
    activity_type: e.activity_type,
    productivity_score: e.productivity_score,
    source: e.source,
    billable: e.billable,
    source_updated_at: e.source_updated_at,
    mapping_status: m.mapping_status,
    mapping_rule: m.mapping_rule,
    unmapped_reason: m.unmapped_reason,
  };
}

/**
 * PATCH columns, with the time rules checked on the merged entry: end after start, duration
 * within the tolerance of the span (derived when the times change and no duration is sent).
 */
export function patchColumns(before: Pick<TimeEntry, 'startTime' | 'endTime' | 'durationSeconds'>, dto: PatchTimeEntryDto): QueryDeepPartialEntity<TimeEntry> {
  const start = dto.start_time ?? new Date(before.startTime).toISOString();
  const end = dto.end_time ?? new Date(before.endTime).toISOString();
  const span = spanSeconds(start, end) as number;
  if (Date.parse(end) <= Date.parse(start)) throw fieldError(dto.end_time ? 'end_time' : 'start_time', dto.end_time ? 'end_time must be after start_time' : 'start_time must be before end_time');
  const timesChanged = dto.start_time !== undefined || dto.end_time !== undefined;
  let duration: number | undefined;
  if (dto.duration_seconds !== undefined) {
    if (Math.abs(dto.duration_seconds - span) > DURATION_TOLERANCE_SECONDS) throw fieldError('duration_seconds', `duration_seconds must equal end_time - start_time in seconds (±${DURATION_TOLERANCE_SECONDS}); omit it to derive it`);
    duration = dto.duration_seconds;
  } else if (timesChanged) {
    duration = span;
  }
  const values: QueryDeepPartialEntity<TimeEntry> = {
    projectName: dto.project_name,
    tags: dto.tags ? [...new Set(dto.tags.map((t) => t.trim()).filter((t) => t !== ''))] : undefined,
    startTime: dto.start_time ? new Date(dto.start_time) : undefined,
    endTime: dto.end_time ? new Date(dto.end_time) : undefined,
    durationSeconds: duration,
    activityType: dto.activity_type,
    productivityScore: dto.productivity_score !== undefined ? String(dto.productivity_score) : undefined,
    billable: dto.billable,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
