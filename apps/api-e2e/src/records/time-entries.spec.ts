import request from 'supertest';
import { auditDiff } from '@clockwork/server-core';
import { eventTypeOf, rowToEntity, toTimeEntryDto } from '@clockwork/server-time-entries';
import type { TimeEntry } from '@clockwork/shared-entities';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { createTask } from '../support/domains/tasks.domain';
import { createTimeEntry, timeEntryBody } from '../support/domains/time-entries.domain';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';

describe('time entries', () => {
  const api = apiWithOrg('Time Org');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const count = async (sql: string, params: unknown[]) => Number((await api.db.query(sql, params))[0].n);
  const entriesOf = (org: SignedUp) => count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1`, [org.organizationId]);


  it('stores an entry mapped through its task to the deal and account, with events and audit', async () => {
    const account = await createAccount(api.app, api.admin, { name: 'Globex' });
    const deal = await createDeal(api.app, api.admin, { name: 'Globex rollout', account_id: account });
    const task = await createTask(api.app, api.admin, { title: 'Install', deal_id: deal });
    const key = await apiKeyWithRole(api.app, api.admin.accessToken, 'manager');
    const res = await http()
      .post('/api/v1/time-entries')
      .set(as(key.key))
      .send(timeEntryBody({ task_id: task, user_id: api.admin.userId, employee_id: 'emp-1', tags: ['dev', 'dev', ' '], duration_seconds: undefined }))
      .expect(201);
    expect(res.body).toMatchObject({ task_id: task, deal_id: deal, account_id: account, user_id: api.admin.userId, mapping_status: 'mapped', mapping_rule: 'explicit_task', duration_seconds: 3600, tags: ['dev'], productivity_score: 0.8, sync_status: 'pending', billable: true });
    const events = await api.db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2`, [api.admin.organizationId, res.body.id]);
    expect(events).toEqual([{ type: 'time_entry.mapped' }]);
    const got = await http().get(`/api/v1/time-entries/${res.body.id}`).set(as(api.admin.accessToken)).expect(200);
    expect(got.body).toEqual(res.body);
    const list = await http().get(`/api/v1/time-entries?deal_id=${deal}`).set(as((await userWithRole(api.app, api.admin.accessToken, 'manager')).token)).expect(200);
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([res.body.id]);
    // Support reads only its own entries (time-entry-visibility.spec.ts): not the admin's.
    const support = await http().get(`/api/v1/time-entries?deal_id=${deal}`).set(as((await userWithRole(api.app, api.admin.accessToken, 'support')).token)).expect(200);
    expect(support.body.data).toEqual([]);
    const csv = await http().get(`/api/v1/time-entries?account_id=${account}&format=csv`).set(as(api.admin.accessToken)).expect(200);
    expect(csv.text.split('\n')[1]).toContain(res.body.id);
  });

  it('answers 400 naming each bad field', async () => {
    const res = await http()
      .post('/api/v1/time-entries')
      .set(as(api.admin.accessToken))
      .send({ start_time: '2026-03-02T10:00:00Z', end_time: '2026-03-02T09:00:00Z', duration_seconds: -1, activity_type: 'game', productivity_score: 1.5, source: 'robot', deal_id: 'nope' })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['activity_type', 'deal_id', 'duration_seconds', 'end_time', 'productivity_score', 'source']);
    const off = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(timeEntryBody({ duration_seconds: 3000 })).expect(400);
    expect(off.body.details).toEqual([{ field: 'duration_seconds', errors: [expect.stringContaining('end_time - start_time')] }]);
    await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(timeEntryBody({ duration_seconds: 3601 })).expect(201);
  });

  it('stores one row per external_id and updates it only for a newer source timestamp', async () => {
    const body = timeEntryBody({ external_id: 'agent-42', project_name: 'First', updated_at: '2026-03-02T10:00:00Z' });
    const first = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(body).expect(201);
    const again = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send({ ...body, project_name: 'Ignored' }).expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, project_name: 'First', version: 1 });
    const older = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send({ ...body, project_name: 'Older', updated_at: '2026-03-02T09:00:00Z' }).expect(200);
    expect(older.body).toMatchObject({ project_name: 'First', version: 1 });
    const newer = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send({ ...body, project_name: 'Second', updated_at: '2026-03-02T11:00:00Z' }).expect(200);
    expect(newer.body).toMatchObject({ id: first.body.id, project_name: 'Second', version: 2, source_updated_at: '2026-03-02T11:00:00.000Z' });
    expect(await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND external_id = 'agent-42'`, [api.admin.organizationId])).toBe(1);
  });

  it('honours Idempotency-Key: replay, 422 for another body, 409 while in flight', async () => {
    const body = timeEntryBody({ project_name: 'Keyed' });
    const first = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).set('Idempotency-Key', 'key-1').send(body).expect(201);
    const replay = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).set('Idempotency-Key', 'key-1').send(body).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND project_name = 'Keyed'`, [api.admin.organizationId])).toBe(1);
    await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).set('Idempotency-Key', 'key-1').send({ ...body, project_name: 'Other' }).expect(422);
    // A request holding the key (claimed, not completed) makes a retry wait: 409.
    await api.db.query(
      `INSERT INTO idempotency_keys (organization_id, id, key, request_hash, status, expires_at) VALUES ($1, gen_random_uuid(), 'key-busy', $2, 'in_flight', now() + interval '1 hour')`,
      [api.admin.organizationId, require('@clockwork/server-time-entries').requestFingerprint('POST /time-entries', { ...body })],
    );
    await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).set('Idempotency-Key', 'key-busy').send(body).expect(409);
    // An expired key is forgotten: the request runs again.
    await api.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE organization_id = $1 AND key = 'key-1'`, [api.admin.organizationId]);
    await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).set('Idempotency-Key', 'key-1').send({ ...body, project_name: 'After expiry' }).expect(201);
  });

  it('counts personal entries without storing them', async () => {
    const before = await entriesOf(api.admin);
    const res = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(timeEntryBody({ activity_type: 'personal', employee_id: 'emp-9', project_name: 'Doctor' })).expect(202);
    expect(res.body).toEqual({ status: 'counted' });
    const batch = await http()
      .post('/api/v1/time-entries/batch')
      .set(as(api.admin.accessToken))
      .send({ entries: [timeEntryBody({ tags: ['Personal'], employee_id: 'emp-9', duration_seconds: undefined })] })
      .expect(200);
    expect(batch.body.results).toEqual([{ index: 0, status: 'counted' }]);
    expect(await entriesOf(api.admin)).toBe(before);
    const counters = await api.db.query(`SELECT day::text AS day, entries, seconds::int AS seconds FROM personal_time_counters WHERE organization_id = $1 AND employee_id = 'emp-9'`, [api.admin.organizationId]);
    expect(counters).toEqual([{ day: '2026-03-02', entries: 2, seconds: 7200 }]);
    expect(JSON.stringify(await api.db.query(`SELECT * FROM personal_time_counters WHERE organization_id = $1`, [api.admin.organizationId]))).not.toContain('Doctor');
  });

  it('counts a re-sent personal entry once, keeping only a hash of its external_id', async () => {
    const personal = timeEntryBody({ activity_type: 'personal', employee_id: 'emp-10', external_id: 'agent-personal-1' });
    await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(personal).expect(202);
    await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(personal).expect(202);
    const batch = await http().post('/api/v1/time-entries/batch').set(as(api.admin.accessToken)).send({ entries: [personal, personal, { ...personal, external_id: 'agent-personal-2' }] }).expect(200);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['counted', 'counted', 'counted']);
    const [counter] = await api.db.query(`SELECT entries, seconds::int AS seconds FROM personal_time_counters WHERE organization_id = $1 AND employee_id = 'emp-10'`, [api.admin.organizationId]);
    expect(counter).toEqual({ entries: 2, seconds: 7200 });
    const keys = await api.db.query(`SELECT encode(key_hash, 'hex') AS hash FROM personal_entry_keys WHERE organization_id = $1`, [api.admin.organizationId]);
    expect(keys).toHaveLength(2);
    expect(JSON.stringify(keys)).not.toContain('agent-personal');
  });

  it('batch: one bad entry does not sink the rest; over the limit is 400 naming it', async () => {
    const res = await http()
      .post('/api/v1/time-entries/batch')
      .set(as(api.admin.accessToken))
      .send({ entries: [timeEntryBody({ external_id: 'b-1' }), timeEntryBody({ productivity_score: 7 }), timeEntryBody({ external_id: 'b-1' }), 'junk', timeEntryBody({ external_id: 'b-2', extra: 1 })] })
      .expect(200);
    const [a, bad, dup, junk, unknown] = res.body.results;
    expect(a).toMatchObject({ index: 0, status: 'created', mapping_status: 'unmapped' });
    expect(bad).toEqual({ index: 1, status: 'invalid', errors: [{ field: 'productivity_score', errors: ['productivity_score must be between 0 and 1'] }] });
    expect(dup).toMatchObject({ index: 2, status: 'existing', id: a.id });
    expect(junk).toMatchObject({ index: 3, status: 'invalid' });
    expect(unknown).toMatchObject({ index: 4, status: 'invalid', errors: [{ field: 'extra' }] });
    const tooMany = await http().post('/api/v1/time-entries/batch').set(as(api.admin.accessToken)).send({ entries: Array.from({ length: 5001 }, () => timeEntryBody()) }).expect(400);
    expect(tooMany.body.message).toContain('at most 5000');
    await http().post('/api/v1/time-entries/batch').set(as(api.admin.accessToken)).send({ entries: [] }).expect(400);
  });

  it("never maps to another organization's deal: the entry stays unmapped in the review queue, assign refuses it", async () => {
    const stranger = await signup(api.app, 'Other Time Org');
    const foreignDeal = await createDeal(api.app, stranger, { name: 'Secret' });
    const res = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(timeEntryBody({ deal_id: foreignDeal, project_name: 'Misrouted' })).expect(201);
    expect(res.body).toMatchObject({ deal_id: null, account_id: null, mapping_status: 'unmapped', unmapped_reason: 'no_match' });

    const manager = await userWithRole(api.app, api.admin.accessToken, 'manager');
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    const queue = await http().get('/api/v1/time-entries/unmapped?limit=200').set(as(manager.token)).expect(200);
    expect(queue.body.data.map((e: { id: string }) => e.id)).toContain(res.body.id);
    expect(queue.body.data.every((e: { mapping_status: string }) => e.mapping_status === 'unmapped')).toBe(true);
    await http().get('/api/v1/time-entries/unmapped').set(as(sales.token)).expect(403);

    const refused = await http().post(`/api/v1/time-entries/${res.body.id}/assign`).set(as(manager.token)).send({ deal_id: foreignDeal }).expect(422);
    expect(refused.body.details).toEqual([{ field: 'deal_id', errors: [expect.any(String)] }]);
    await http().post(`/api/v1/time-entries/${res.body.id}/assign`).set(as(manager.token)).send({}).expect(400);

    const account = await createAccount(api.app, api.admin, { name: 'Initech' });
    const deal = await createDeal(api.app, api.admin, { name: 'Initech audit', account_id: account });
    const assigned = await http().post(`/api/v1/time-entries/${res.body.id}/assign`).set(as(manager.token)).send({ deal_id: deal }).expect(200);
    expect(assigned.body).toMatchObject({ deal_id: deal, account_id: account, mapping_status: 'mapped', mapping_rule: 'manual', unmapped_reason: null });
    const after = await http().get('/api/v1/time-entries/unmapped?limit=200').set(as(manager.token)).expect(200);
    expect(after.body.data.map((e: { id: string }) => e.id)).not.toContain(res.body.id);
    expect(await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1`, [stranger.organizationId])).toBe(0);
  });

  it('patches with the time rules re-checked, and deletes (managers only)', async () => {
    const id = await createTimeEntry(api.app, api.admin);
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    await http().patch(`/api/v1/time-entries/${id}`).set(as(sales.token)).send({ billable: false }).expect(403);
    const bad = await http().patch(`/api/v1/time-entries/${id}`).set(as(api.admin.accessToken)).send({ end_time: '2026-03-02T08:00:00Z' }).expect(400);
    expect(bad.body.details[0].field).toBe('end_time');
    const moved = await http().patch(`/api/v1/time-entries/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ end_time: '2026-03-02T09:30:00Z' }).expect(200);
    expect(moved.body).toMatchObject({ duration_seconds: 1800, version: 2 });
    await http().patch(`/api/v1/time-entries/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ billable: false }).expect(412);
    await http().delete(`/api/v1/time-entries/${id}`).set(as(api.admin.accessToken)).expect(204);
    await http().get(`/api/v1/time-entries/${id}`).set(as(api.admin.accessToken)).expect(404);
  });

  it('batch: each stored write has its audit row and event exactly as auditDiff, toTimeEntryDto and eventTypeOf make them', async () => {
    const org = await signup(api.app, 'Batch Audit Org');
    const account = await createAccount(api.app, org, { name: 'Umbrella' });
    const deal = await createDeal(api.app, org, { name: 'Umbrella rollout', account_id: account });
    const other = await createDeal(api.app, org, { name: 'Umbrella support', account_id: account });
    const task = await createTask(api.app, org, { title: 'Setup', deal_id: deal });
    const post = async (requestId: string, entries: object[]) =>
      (await http().post('/api/v1/time-entries/batch').set(as(org.accessToken)).set('X-Request-Id', requestId).send({ entries }).expect(200)).body.results as { id: string; status: string }[];
    const eventsNow = async (): Promise<{ id: string; type: string; aggregate_type: string; aggregate_id: string; payload: object }[]> =>
      openPayloads(api.app, await api.db.query(`SELECT organization_id AS _org, id, type, aggregate_type, aggregate_id, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_type = 'time_entry' ORDER BY created_at, id`, [org.organizationId]));
    const stored = async (id: string): Promise<TimeEntry> => rowToEntity((await api.db.query(`SELECT * FROM time_entries WHERE organization_id = $1 AND id = $2`, [org.organizationId, id]))[0]);
    const at = '2026-03-02T10:00:00Z';

    const first = await post('batch-audit-1', [
      timeEntryBody({ external_id: 'aud-1 "q" \\', deal_id: deal, user_id: org.userId, tags: ['x', ' y ', 'say "hi"\n'], project_name: ' Umbrella — ü 😀 ', updated_at: at, productivity_score: 0.125 }),
      timeEntryBody({ external_id: 'aud-2', task_id: task, updated_at: at, billable: false, start_time: '2026-03-02T09:00:00.123Z', duration_seconds: undefined }),
      timeEntryBody({ project_name: 'No external id', employee_id: 'emp-77', productivity_score: 1 }),
      timeEntryBody({ activity_type: 'personal' }),
    ]);
    expect(first.map((r) => r.status)).toEqual(['created', 'created', 'created', 'counted']);
    const created = await Promise.all(first.slice(0, 3).map((r) => stored(r.id)));
    const firstEvents = await eventsNow();
    // a manager's assignment, which the agent's update keeps
    await http().post(`/api/v1/time-entries/${first[1].id}/assign`).set(as(org.accessToken)).send({ deal_id: other }).expect(200);
    const assigned = await stored(first[1].id);
    const seen = new Set((await eventsNow()).map((e) => e.id));
    const second = await post('batch-audit-2', [
      // moved to another deal (a new mapping), longer; the same mapping, renamed; not newer: unchanged
      timeEntryBody({ external_id: 'aud-1 "q" \\', deal_id: other, user_id: org.userId, updated_at: '2026-03-02T11:00:00Z', end_time: '2026-03-02T10:30:00.000Z', duration_seconds: 5400, productivity_score: 0.1 }),
      timeEntryBody({ external_id: 'aud-2', task_id: task, updated_at: '2026-03-02T11:00:00Z', billable: false, project_name: 'Renamed' }),
      timeEntryBody({ external_id: 'aud-1 "q" \\', updated_at: at, project_name: 'Stale' }),
    ]);
    expect(second.map((r) => r.status)).toEqual(['updated', 'updated', 'existing']);
    const updated = await Promise.all(second.slice(0, 2).map((r) => stored(r.id)));

    const audits = await api.db.query(
      `SELECT actor_type, actor_id, action, object_type, object_id, changes, request_id, ip FROM audit_logs
        WHERE organization_id = $1 AND object_type = 'time_entry' AND request_id LIKE 'batch-audit-%' ORDER BY created_at, id`,
      [org.organizationId],
    );
    const dtoOf = (e: TimeEntry) => toTimeEntryDto(e) as unknown as Record<string, unknown>;
    const audit = (action: string, before: TimeEntry | null, after: TimeEntry, requestId: string) => ({
      actor_type: 'user', actor_id: org.userId, action, object_type: 'time_entry', object_id: after.id,
      changes: auditDiff(before && dtoOf(before), dtoOf(after)), request_id: requestId, ip: null,
    });
    expect(audits).toEqual([
      ...created.map((e) => audit('create', null, e, 'batch-audit-1')),
      audit('update', created[0], updated[0], 'batch-audit-2'),
      audit('update', assigned, updated[1], 'batch-audit-2'),
    ]);
    expect(audits[0].changes).toMatchObject({ tags: { from: null, to: ['x', 'y', 'say "hi"'] }, project_name: { from: null, to: 'Umbrella — ü 😀' }, productivity_score: { from: null, to: 0.125 } });
    expect(Object.keys(audits[4].changes).sort()).toEqual(['project_name', 'source_updated_at', 'start_time']);
    expect(updated[1]).toMatchObject({ dealId: other, mappingRule: 'manual' });

    const events = [...firstEvents, ...(await eventsNow()).filter((e) => !seen.has(e.id))].map((e) => ({ type: e.type, aggregate_type: e.aggregate_type, aggregate_id: e.aggregate_id, payload: e.payload }));
    const event = (after: TimeEntry, before?: TimeEntry) => ({ type: eventTypeOf(after, before), aggregate_type: 'time_entry', aggregate_id: after.id, payload: toTimeEntryDto(after) });
    expect(events).toEqual([...created.map((e) => event(e)), event(updated[0], created[0]), event(updated[1], assigned)]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['time_entry.mapped', 'time_entry.mapped', 'time_entry.unmapped', 'time_entry.mapped', 'time_entry.updated']);
    // the payload is what GET answers
    const got = await http().get(`/api/v1/time-entries/${updated[1].id}`).set(as(org.accessToken)).expect(200);
    expect(events[4].payload).toEqual(got.body);
  });

  it('10,000 entries sent in batches with duplicates, retries and shuffled order end as exactly the distinct entries', async () => {
    const org = await signup(api.app, 'Bulk Time Org');
    const distinct = Array.from({ length: 10000 }, (_, i) =>
      timeEntryBody({
        external_id: `bulk-${i}`,
        start_time: new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString(),
        end_time: new Date(Date.UTC(2026, 0, 1) + i * 60000 + 45000).toISOString(),
        duration_seconds: 45,
        employee_id: `emp-${i % 17}`,
      }),
    );
    // Every entry once, 3,000 of them twice more (duplicates), shuffled with a fixed seed.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sends = [...distinct, ...distinct.slice(0, 3000), ...distinct.slice(5000, 8000)];
    for (let i = sends.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [sends[i], sends[j]] = [sends[j], sends[i]];
    }
    const batches: object[][] = [];
    for (let i = 0; i < sends.length; i += 2500) batches.push(sends.slice(i, i + 2500));
    const statuses: Record<string, number> = {};
    const post = async (entries: object[]) => {
      const res = await http().post('/api/v1/time-entries/batch').set(as(org.accessToken)).send({ entries }).expect(200);
      for (const r of res.body.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    };
    // Two at a time, and every other batch retried (a client that lost the answer).
    for (let i = 0; i < batches.length; i += 2) {
      await Promise.all(batches.slice(i, i + 2).map(post));
      await post(batches[i]);
    }
    expect(await entriesOf(org)).toBe(10000);
    expect(await count(`SELECT count(DISTINCT external_id) AS n FROM time_entries WHERE organization_id = $1`, [org.organizationId])).toBe(10000);
    expect(statuses['created']).toBe(10000);
    expect(statuses['invalid'] ?? 0).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_logs WHERE organization_id = $1 AND object_type = 'time_entry'`, [org.organizationId])).toBe(10000);
    expect(await count(`SELECT count(*) AS n FROM outbox_events WHERE organization_id = $1 AND type = 'time_entry.unmapped'`, [org.organizationId])).toBe(10000);
  });
});
