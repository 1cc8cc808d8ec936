import { BadRequestException, PreconditionFailedException, UnprocessableEntityException } from '@nestjs/common';
import { AuditWriter, OutboxWriter } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import type { CreateTimeEntryDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IdempotencyStore, requestFingerprint } from './idempotency.store';
import { LockedEntryConflictsRepository } from './locked-entry-conflicts.repository';
import { IngestRow, TimeEntriesRepository } from './time-entries.repository';
import { TimeEntriesService } from './time-entries.service';
import { DealMatcher } from '../matching/deal-matcher.service';
import type { MappingInput, MappingResult } from '../matching/matching.types';

const USER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01';
const DEAL = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02';
const STRANGER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a03';

const body = (over: Record<string, unknown> = {}): CreateTimeEntryDto =>
  ({ start_time: '2026-03-02T09:00:00.000Z', end_time: '2026-03-02T10:00:00.000Z', activity_type: 'app', productivity_score: 0.8, source: 'agent', ...over }) as CreateTimeEntryDto;

const entity = (over: Partial<TimeEntry> = {}): TimeEntry =>
  ({
    id: 'stored-1', organizationId: 'o1', externalId: null, userId: null, employeeId: null, dealId: null, taskId: null, accountId: null, projectName: null, tags: [],
    startTime: new Date('2026-03-02T09:00:00Z'), endTime: new Date('2026-03-02T10:00:00Z'), durationSeconds: 3600, activityType: 'app', productivityScore: '0.800', source: 'agent',
    mappingStatus: 'unmapped', mappingRule: null, unmappedReason: 'no_rule', syncStatus: 'synced', billable: true, sourceUpdatedAt: null, version: 1,
    createdAt: new Date(0), updatedAt: new Date(0), ...over,
  }) as TimeEntry;

/** The stored row of an ingested one, as the upsert returns it. */
const fromRow = (r: IngestRow, id = r.id): TimeEntry =>
  entity({
    id, externalId: r.external_id, userId: r.user_id, employeeId: r.employee_id, dealId: r.deal_id, taskId: r.task_id, accountId: r.account_id, projectName: r.project_name, tags: r.tags,
    startTime: new Date(r.start_time), endTime: new Date(r.end_time), durationSeconds: r.duration_seconds, activityType: r.activity_type, productivityScore: String(r.productivity_score),
    source: r.source, mappingStatus: r.mapping_status, mappingRule: r.mapping_rule, unmappedReason: r.unmapped_reason, billable: r.billable,
    sourceUpdatedAt: r.source_updated_at ? new Date(r.source_updated_at) : null,
  });

/**
 * The service over mocked repositories that behave like the SQL: `stored` are the entries the
 * organization has (by external_id); an upsert inserts new ones and updates stored ones (same id).
 */
function setup(stored: TimeEntry[] = [], options: { raced?: TimeEntry[]; seenPersonal?: string[]; users?: string[] } = {}) {
  const t = newTestService(TimeEntriesService);
  // The DealMatcher maps an entry with a deal_id to it and leaves the rest unmapped.
  const matcher = t.mock(DealMatcher);
  matcher.mapMany.mockImplementation(async (_m: EntityManager, _o: string, inputs: MappingInput[]) =>
    inputs.map((i): MappingResult =>
      i.deal_id ? { user_id: i.user_id ?? null, deal_id: i.deal_id, task_id: null, account_id: null, mapping_status: 'mapped', mapping_rule: 'explicit', unmapped_reason: null } : { user_id: i.user_id ?? null, deal_id: null, task_id: null, account_id: null, mapping_status: 'unmapped', mapping_rule: null, unmapped_reason: 'no_rule' },
    ),
  );
  const entries = t.mock(TimeEntriesRepository);
  const byExternal = new Map(stored.map((e) => [e.externalId as string, e]));
  const raced = new Set((options.raced ?? []).map((e) => e.externalId));
  entries.withGenericPlans.mockImplementation((_m, _own, work) => work());
  entries.lockByExternalIds.mockImplementation(async (_m, ids) => new Map(ids.filter((id) => byExternal.has(id)).map((id) => [id, byExternal.get(id) as TimeEntry])));
  entries.lockForIngest.mockImplementation(async (_m, ids) => ({
    stored: new Map(ids.filter((id) => byExternal.has(id)).map((id) => [id, byExternal.get(id) as TimeEntry])),
    references: { users: [], tasks: [], deals: [] },
  }));
  entries.findByExternalIds.mockImplementation(async (_m, ids) => new Map((options.raced ?? []).filter((e) => ids.includes(e.externalId as string)).map((e) => [e.externalId as string, e])));
  entries.ingestMany.mockImplementation((async (_m: EntityManager, rows: IngestRow[]) =>
    rows
      .filter((r) => !raced.has(r.external_id))
      .map((r) => {
        const before = r.external_id ? byExternal.get(r.external_id) : undefined;
        // The write's outbox event, as the statement answers it (the service seals and inserts it).
        const event = { id: r.event_id, type: before ? 'time_entry.updated' : `time_entry.${r.mapping_status}`, payload: JSON.stringify({ external_id: r.external_id }) };
        return { entity: fromRow(r, before?.id), inserted: !before, event };
      })) as never);
  const seen = new Set(options.seenPersonal ?? []);
  entries.firstSeenPersonalKeys.mockImplementation(async (_m, keys) => new Set(keys.map((k) => k.hash).filter((h) => !seen.has(h))));
  entries.usersOfOrganization.mockImplementation(async (_m, ids) => new Set(ids.filter((id) => (options.users ?? [USER]).includes(id))));
  const outcomes = async () => Object.fromEntries((await t.metrics.timeEntriesIngested.get()).values.map((v) => [v.labels.outcome, v.value]));
  const rows = (call = 0) => entries.ingestMany.mock.calls[call]?.[1] ?? [];
  return { ...t, service: t.sut, entries, matcher, outcomes, rows, audit: t.mock(AuditWriter), outbox: t.mock(OutboxWriter) };
}

describe('TimeEntriesService', () => {
  describe('POST /time-entries (createOne)', () => {
    it('stores a new entry (201) with its mapping, derived duration, clean tags and the caller as the audit actor', async () => {
      const { service, entries, matcher, rows, outcomes, dataSource } = setup();
      const res = await service.createOne(body({ external_id: 'ext-1', deal_id: DEAL, tags: [' design ', 'design', ''], billable: undefined }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ external_id: 'ext-1', deal_id: DEAL, mapping_status: 'mapped', duration_seconds: 3600, tags: ['design'], billable: true, productivity_score: 0.8 });
      expect(dataSource.transaction).toHaveBeenCalledTimes(1);
      expect(matcher.mapMany.mock.calls[0][1]).toBe('o1');
      // one read locks the external id and brings the deal it names; the matcher reads nothing more for it
      expect(entries.lockForIngest).toHaveBeenCalledTimes(1);
      expect(entries.lockForIngest.mock.calls[0].slice(1)).toEqual([['ext-1'], { userIds: [], employeeIds: [], taskIds: [], dealIds: [DEAL] }]);
      expect(matcher.mapMany.mock.calls[0][3]).toEqual({ users: [], tasks: [], deals: [] });
      expect(rows()).toHaveLength(1);
      expect(rows()[0]).toMatchObject({ ord: 0, external_id: 'ext-1', duration_seconds: 3600, mapping_rule: 'explicit' });
      expect(entries.ingestMany.mock.calls[0][3]).toEqual({ actorType: 'user', actorId: 'u1', requestId: 'req-1' });
      expect(await outcomes()).toEqual({ created: 1 });
    });

    it('seals the event of each write (bound to its id) and inserts them together in the transaction', async () => {
      const { service, rows, outbox, manager } = setup();
      outbox.sealText.mockImplementation((_org, id, json) => `sealed(${id}:${json})`);
      await service.createOne(body({ external_id: 'ext-1', deal_id: DEAL }));
      const [row] = rows();
      expect(outbox.insertSealed).toHaveBeenCalledTimes(1);
      expect(outbox.insertSealed.mock.calls[0][0]).toBe(manager);
      expect(outbox.insertSealed.mock.calls[0][2]).toEqual([
        { id: row.event_id, type: 'time_entry.mapped', aggregate_type: 'time_entry', aggregate_id: row.id, payload: `sealed(${row.event_id}:{"external_id":"ext-1"})` },
      ]);
    });

    it('answers 200 with the stored entry, and changes nothing, when the external_id is known and the update is not newer', async () => {
      const known = entity({ id: 'e-known', externalId: 'ext-1', sourceUpdatedAt: new Date('2026-03-05T00:00:00Z'), projectName: 'Kept' });
      for (const updated_at of [undefined, '2026-03-04T00:00:00Z', '2026-03-05T00:00:00Z']) {
        const { service, matcher, rows, outcomes } = setup([known]);
        const res = await service.createOne(body({ external_id: 'ext-1', project_name: 'Changed', updated_at }));
        expect(res).toMatchObject({ status: 200, body: { id: 'e-known', project_name: 'Kept' } });
        expect(rows()).toEqual([]);
        expect(matcher.mapMany).not.toHaveBeenCalled();
        expect(await outcomes()).toEqual({ existing: 1 });
      }
    });

    it('updates the stored entry (200, same id) when the agent sends a newer updated_at', async () => {
      const known = entity({ id: 'e-known', externalId: 'ext-1', sourceUpdatedAt: new Date('2026-03-05T00:00:00Z') });
      const { service, entries, rows, outcomes } = setup([known]);
      const res = await service.createOne(body({ external_id: 'ext-1', project_name: 'Changed', updated_at: '2026-03-06T00:00:00Z' }));
      expect(res).toMatchObject({ status: 200, body: { id: 'e-known', project_name: 'Changed', source_updated_at: '2026-03-06T00:00:00.000Z' } });
      expect(rows()[0]).toMatchObject({ external_id: 'ext-1', source_updated_at: '2026-03-06T00:00:00.000Z' });
      // The locked stored row is handed to the upsert (its audit row records the change).
      expect(entries.ingestMany.mock.calls[0][2]).toEqual(['e-known']);
      expect(await outcomes()).toEqual({ updated: 1 });
    });

    it('counts personal time (202) without storing it: per day, employee and known user, never the external id itself', async () => {
      const { service, entries, outcomes } = setup();
      const res = await service.createOne(body({ activity_type: 'personal', external_id: 'secret-ext', user_id: USER, employee_id: 'emp-1' }));
      expect(res).toEqual({ status: 202, body: { status: 'counted' } });
      expect(entries.ingestMany).not.toHaveBeenCalled();
      const keys = entries.firstSeenPersonalKeys.mock.calls[0][1];
      expect(keys).toEqual([{ hash: createHash('sha256').update('secret-ext').digest('hex'), day: '2026-03-02' }]);
      expect(JSON.stringify(entries.countPersonal.mock.calls)).not.toContain('secret-ext');
      expect(entries.countPersonal.mock.calls[0][1]).toEqual([{ id: expect.any(String), day: '2026-03-02', employee_id: 'emp-1', user_id: USER, entries: 1, seconds: 3600 }]);
      expect(await outcomes()).toEqual({ counted: 1 });
    });
  });

  describe('POST /time-entries/batch (createBatch)', () => {
    it('answers each entry in order: invalid ones with the fields named, the others stored together', async () => {
      const { service, entries, outcomes } = setup();
      const { results } = await service.createBatch([
        body({ external_id: 'a' }),
        body({ end_time: '2026-03-02T08:00:00.000Z' }),
        'not an object',
        body({ productivity_score: 7, colour: 'red' }),
        body({ external_id: 'b', deal_id: DEAL }),
      ]);
      expect(results.map((r) => [r.index, r.status])).toEqual([
        [0, 'created'],
        [1, 'invalid'],
        [2, 'invalid'],
        [3, 'invalid'],
        [4, 'created'],
      ]);
      expect(results[1].errors?.map((e) => e.field)).toEqual(['end_time']);
      expect(results[2].errors).toEqual([{ field: 'entry', errors: ['entry must be an object'] }]);
      expect(results[3].errors?.map((e) => e.field).sort()).toEqual(['colour', 'productivity_score']);
      expect(results[4]).toMatchObject({ mapping_status: 'mapped', id: expect.any(String) });
      expect(entries.ingestMany).toHaveBeenCalledTimes(1);
      expect(entries.ingestMany.mock.calls[0][4]).toBe('ref');
      expect(await outcomes()).toEqual({ created: 2, invalid: 3 });
    });

    it('stores one entry per external_id: the occurrence with the newest updated_at wins and the others answer as it does', async () => {
      const { service, rows } = setup();
      const { results } = await service.createBatch([
        body({ external_id: 'dup', project_name: 'old', updated_at: '2026-03-01T00:00:00Z' }),
        body({ external_id: 'dup', project_name: 'newest', updated_at: '2026-03-03T00:00:00Z' }),
        body({ external_id: 'dup', project_name: 'middle', updated_at: '2026-03-02T00:00:00Z' }),
      ]);
      expect(rows().map((r) => r.project_name)).toEqual(['newest']);
      expect(results.map((r) => r.status)).toEqual(['existing', 'created', 'existing']);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
    });

    it('counts personal entries once per external_id (also across requests), and never as a stranger', async () => {
      const seenHash = createHash('sha256').update('seen-before').digest('hex');
      const { service, entries, outcomes } = setup([], { seenPersonal: [seenHash] });
      const { results } = await service.createBatch([
        body({ tags: ['Personal'], external_id: 'p1', user_id: USER, employee_id: 'emp-1' }),
        body({ tags: ['Personal'], external_id: 'p1', user_id: USER, employee_id: 'emp-1' }),
        body({ activity_type: 'personal', external_id: 'seen-before', employee_id: 'emp-1' }),
        body({ activity_type: 'personal', user_id: STRANGER, employee_id: 'emp-2', start_time: '2026-03-03T09:00:00Z', end_time: '2026-03-03T09:30:00Z' }),
        body({ activity_type: 'personal', user_id: STRANGER, employee_id: 'emp-2', start_time: '2026-03-03T11:00:00Z', end_time: '2026-03-03T11:30:00Z' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['counted', 'counted', 'counted', 'counted', 'counted']);
      expect(entries.ingestMany).not.toHaveBeenCalled();
      const counters = entries.countPersonal.mock.calls[0][1].map(({ id: _id, ...c }) => c);
      expect(counters).toEqual([
        { day: '2026-03-02', employee_id: 'emp-1', user_id: USER, entries: 1, seconds: 3600 },
        // A user id of another organization is not recorded.
        { day: '2026-03-03', employee_id: 'emp-2', user_id: null, entries: 2, seconds: 3600 },
      ]);
      expect(await outcomes()).toEqual({ counted: 5 });
    });

    it('answers `existing` with the row a concurrent request stored meanwhile', async () => {
      const theirs = entity({ id: 'theirs', externalId: 'race', mappingStatus: 'mapped' });
      const { service, entries } = setup([], { raced: [theirs] });
      const { results } = await service.createBatch([body({ external_id: 'race' })]);
      expect(entries.findByExternalIds.mock.calls[0][1]).toEqual(['race']);
      expect(results).toEqual([{ index: 0, status: 'existing', id: 'theirs', mapping_status: 'mapped' }]);
    });
  });

  describe('ingestIn / removeByExternalIdIn (a signed webhook, in its own transaction)', () => {
    it("stores in the caller's transaction, not one of its own", async () => {
      const { service, dataSource, entries } = setup();
      const outer = {} as EntityManager;
      await expect(service.ingestIn(outer, body({ external_id: 'w1' }))).resolves.toMatchObject({ status: 'created' });
      expect(dataSource.transaction).not.toHaveBeenCalled();
      expect(entries.ingestMany.mock.calls[0][0]).toBe(outer);
    });

    it('deletes by external_id with an audit row, and answers not_found when there is none', async () => {
      const known = entity({ id: 'e-known', externalId: 'ext-1' });
      const { service, entries, audit } = setup([known]);
      await expect(service.removeByExternalIdIn({} as EntityManager, 'nope')).resolves.toBe('not_found');
      expect(entries.deleteById).not.toHaveBeenCalled();
      await expect(service.removeByExternalIdIn({} as EntityManager, 'ext-1')).resolves.toBe('deleted');
      expect(entries.deleteById.mock.calls[0][1]).toBe('e-known');
      expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'delete', objectType: 'time_entry', objectId: 'e-known', after: null, before: { external_id: 'ext-1' } });
    });
  });

  describe('entries locked by an approved timesheet', () => {
    const locked = () => entity({ id: 'e-locked', externalId: 'ext-l', approvedTimesheetId: 'ts-1', sourceUpdatedAt: new Date('2026-03-02T10:00:00Z') });

    it('keeps a locked entry on a newer platform version and lists the changed fields as sync conflicts', async () => {
      const t = setup([locked()]);
      const conflicts = t.mock(LockedEntryConflictsRepository);
      const { results } = await t.service.createBatch([body({ external_id: 'ext-l', updated_at: '2026-03-03T00:00:00Z', end_time: '2026-03-02T11:00:00.000Z', duration_seconds: 7200 })]);
      expect(results).toEqual([{ index: 0, status: 'locked', id: 'e-locked', mapping_status: 'unmapped' }]);
      expect(t.rows()).toEqual([]);
      expect(conflicts.record.mock.calls[0].slice(2)).toEqual([expect.objectContaining({ id: 'e-locked' }), expect.objectContaining({ end_time: '2026-03-02T11:00:00.000Z' })]);
    });

    it('answers an older platform version of a locked entry as existing, with no conflict', async () => {
      const t = setup([locked()]);
      const conflicts = t.mock(LockedEntryConflictsRepository);
      const { results } = await t.service.createBatch([body({ external_id: 'ext-l', updated_at: '2026-03-01T00:00:00Z' })]);
      expect(results[0].status).toBe('existing');
      expect(conflicts.record).not.toHaveBeenCalled();
    });

    it('keeps a locked entry the platform deletes, listing the deletion as a conflict', async () => {
      const t = setup([locked()]);
      const conflicts = t.mock(LockedEntryConflictsRepository);
      await expect(t.service.removeByExternalIdIn({} as EntityManager, 'ext-l')).resolves.toBe('locked');
      expect(t.entries.deleteById).not.toHaveBeenCalled();
      expect(conflicts.record.mock.calls[0][3]).toBe('deleted');
    });
  });

  describe('PATCH /time-entries/:id (update)', () => {
    function patching(before = entity({ id: 'e1', version: 4 })) {
      const t = setup();
      t.entries.lockById.mockResolvedValue(before);
      t.entries.updateById.mockImplementation(async (_m, _id, values) => entity({ ...before, ...(Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'version')) as Partial<TimeEntry>), version: before.version + 1 }));
      return t;
    }

    it('refuses a stale If-Match version with 412 and writes nothing', async () => {
      const { service, entries, audit, outbox } = patching();
      await expect(service.update('e1', { project_name: 'x' }, 3)).rejects.toThrow(PreconditionFailedException);
      expect(entries.updateById).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
      expect(outbox.record).not.toHaveBeenCalled();
    });

    it('names the field of a time rule broken by the merged entry (400)', async () => {
      const { service, entries } = patching();
      const refusal = async (dto: Record<string, unknown>) => {
        const e = (await service.update('e1', dto).catch((x: unknown) => x)) as BadRequestException;
        expect(e).toBeInstanceOf(BadRequestException);
        return e.getResponse() as { message: string; details: { field: string }[] };
      };
      const end = await refusal({ end_time: '2026-03-02T08:00:00.000Z' });
      expect(end.details).toEqual([{ field: 'end_time', errors: ['end_time must be after start_time'] }]);
      expect(end.message).toContain('end_time');
      expect((await refusal({ start_time: '2026-03-02T11:00:00.000Z' })).details[0].field).toBe('start_time');
      const duration = await refusal({ duration_seconds: 100 });
      expect(duration.details[0].field).toBe('duration_seconds');
      expect(duration.message).toContain('duration_seconds');
      expect(entries.updateById).not.toHaveBeenCalled();
    });

    it('derives the duration from new times, bumps the version, audits before/after and emits time_entry.updated', async () => {
      const { service, entries, audit, outbox } = patching();
      const dto = await service.update('e1', { end_time: '2026-03-02T11:30:00.000Z', tags: [' a', 'a', 'b '] }, 4);
      expect(entries.updateById.mock.calls[0][2]).toMatchObject({ durationSeconds: 9000, tags: ['a', 'b'], version: expect.any(Function) });
      expect(dto).toMatchObject({ id: 'e1', duration_seconds: 9000, version: 5, end_time: '2026-03-02T11:30:00.000Z' });
      expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'update', objectType: 'time_entry', objectId: 'e1', before: { duration_seconds: 3600 }, after: { duration_seconds: 9000 } });
      expect(outbox.record.mock.calls[0][1]).toMatchObject({ organizationId: 'o1', type: 'time_entry.updated', aggregateId: 'e1', payload: { duration_seconds: 9000 } });
    });
  });

  describe('with an Idempotency-Key', () => {
    it('replays the stored answer of a completed request without ingesting again, and refuses the key with another body (422)', async () => {
      const { service, entries } = setup();
      const keys = newTestService(IdempotencyStore);
      const dto = body({ external_id: 'idem' });
      const fingerprint = () => requestFingerprint('POST /time-entries', dto);
      keys.dataSource.query.mockImplementation(async (sql: string) => (sql.includes('INSERT INTO idempotency_keys') ? [] : [{ id: 'k1', request_hash: fingerprint(), status: 'completed', response_status: 201, response_body: { id: 'first' }, expired: false }]));
      await expect(keys.sut.run('o1', 'key-1', fingerprint, () => service.createOne(dto))).resolves.toEqual({ status: 201, body: { id: 'first' } });
      expect(entries.ingestMany).not.toHaveBeenCalled();

      const other = body({ external_id: 'other' });
      await expect(keys.sut.run('o1', 'key-1', () => requestFingerprint('POST /time-entries', other), () => service.createOne(other))).rejects.toThrow(UnprocessableEntityException);
      expect(entries.ingestMany).not.toHaveBeenCalled();
    });

    it('stores the answer of the first request, and releases the key when ingestion fails', async () => {
      const { service, entries } = setup();
      const keys = newTestService(IdempotencyStore);
      keys.dataSource.query.mockImplementation(async (sql: string) => (sql.includes('INSERT INTO idempotency_keys') ? [{ id: 'claimed' }] : []));
      const first = await keys.sut.run('o1', 'key-2', () => 'h', () => service.createOne(body()));
      expect(first.status).toBe(201);
      const update = keys.dataSource.query.mock.calls.find(([sql]) => String(sql).startsWith('UPDATE idempotency_keys'));
      expect(update?.[1]).toEqual(['o1', expect.any(String), 201, JSON.stringify(first.body)]);

      entries.ingestMany.mockRejectedValueOnce(new Error('database went away'));
      await expect(keys.sut.run('o1', 'key-3', () => 'h', () => service.createOne(body()))).rejects.toThrow('database went away');
      expect(keys.dataSource.query.mock.calls.some(([sql]) => String(sql).startsWith('DELETE FROM idempotency_keys'))).toBe(true);
    });
  });
});
