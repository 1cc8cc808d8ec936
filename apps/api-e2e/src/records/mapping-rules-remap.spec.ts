import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ReviewQueueRemapper } from '@clockwork/server-time-entries';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp } from '../support/org-fixture';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';
import { waitFor } from '../support/wait-for';

// The review queue with the worker running: rule changes re-map the unmapped entries (outbox
// event -> time-remap queue -> DealMatcher), assignments by hand, one or many at once.
describe('review queue and mapping rules (with the worker)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let stack: IsolatedStack | undefined;
  const http = () => request(app.getHttpServer());
  const as = (org: SignedUp) => ({ Authorization: `Bearer ${org.accessToken}` });

  const post = async (org: SignedUp, path: string, body: object): Promise<string> => (await http().post(`/api/v1/${path}`).set(as(org)).send(body).expect(201)).body.id;
  const entry = async (org: SignedUp, body: Record<string, unknown>) => (await http().post('/api/v1/time-entries').set(as(org)).send(timeEntryBody(body)).expect(201)).body;
  const get = async (org: SignedUp, id: string) => (await http().get(`/api/v1/time-entries/${id}`).set(as(org)).expect(200)).body;
  /** Waits until the worker processed the organization's rule events and no re-mapping job is left. */
  const settled = (org: SignedUp) =>
    waitFor('the rule events and re-mapping jobs to finish', async () => {
      const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM outbox_events WHERE organization_id = $1 AND processed_at IS NULL AND type LIKE 'mapping_rule.%'`, [org.organizationId]);
      if (pending > 0) return false;
      const counts = await worker.get<Queue>(getQueueToken(QUEUES.timeRemap)).getJobCounts();
      return counts.waiting + counts.active + counts.delayed === 0;
    });

  beforeAll(async () => {
    // A database and queue prefix of its own, so this worker relays only this file's events.
    stack = await startIsolatedStack('rules', { OUTBOX_POLL_MS: '50' });
    ({ app, worker, db } = stack);
  });
  afterAll(() => stack?.close());

  it('assign with create_rule: the entry is assigned, a rule made from its values, and the other matching unmapped entries re-mapped', async () => {
    const org = await signup(app, 'Remap Create Rule');
    const acc = await post(org, 'accounts', { name: 'Hooli' });
    const d = await post(org, 'deals', { name: 'Hooli platform', account_id: acc });
    const first = await entry(org, { project_name: 'Nucleus', activity_type: 'website' });
    const alike = await entry(org, { project_name: 'nucleus', activity_type: 'website' });
    const otherActivity = await entry(org, { project_name: 'Nucleus', activity_type: 'app' });
    const otherProject = await entry(org, { project_name: 'Pied Piper', activity_type: 'website' });
    expect([first, alike, otherActivity, otherProject].map((e) => e.mapping_status)).toEqual(['unmapped', 'unmapped', 'unmapped', 'unmapped']);

    const assigned = await http()
      .post(`/api/v1/time-entries/${first.id}/assign`)
      .set(as(org))
      .send({ deal_id: d, create_rule: { match_on: ['project_name', 'activity_type'] } })
      .expect(200);
    expect(assigned.body).toMatchObject({ deal_id: d, account_id: acc, mapping_status: 'mapped', mapping_rule: 'manual' });
    const rules = (await http().get('/api/v1/mapping-rules').set(as(org)).expect(200)).body.data;
    expect(rules).toEqual([expect.objectContaining({ project_name: 'Nucleus', project_match: 'equals', activity_type: 'website', tags: [], user_id: null, deal_id: d, enabled: true })]);
    expect(rules[0].name).toMatch(/Nucleus/);

    const remapped = await waitFor('the matching entry to be re-mapped', async () => ((await get(org, alike.id)).mapping_status === 'mapped' ? get(org, alike.id) : null));
    expect(remapped).toMatchObject({ deal_id: d, account_id: acc, mapping_rule: `rule:${rules[0].id}`, unmapped_reason: null, version: 2 });
    await settled(org);
    expect(await get(org, otherActivity.id)).toMatchObject({ mapping_status: 'unmapped' });
    expect(await get(org, otherProject.id)).toMatchObject({ mapping_status: 'unmapped' });
    expect(await get(org, first.id)).toMatchObject({ mapping_rule: 'manual' });

    const audit = await db.query(`SELECT actor_type, actor_id, action, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2`, [org.organizationId, alike.id]);
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ actor_type: 'system', actor_id: null, action: 'update', changes: expect.objectContaining({ deal_id: { from: null, to: d } }) })]));
    const events = await db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at`, [org.organizationId, alike.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['time_entry.unmapped', 'time_entry.mapped']);
  });

  it('creating or enabling a rule re-maps the queue; deleting it un-maps nothing', async () => {
    const org = await signup(app, 'Remap Rule Changes');
    const d = await post(org, 'deals', { name: 'Massive Dynamic' });
    const tagged = await entry(org, { tags: ['Research'] });
    const assignedByHand = await entry(org, { tags: ['research'] });
    const manualDeal = await post(org, 'deals', { name: 'Elsewhere' });
    await http().post(`/api/v1/time-entries/${assignedByHand.id}/assign`).set(as(org)).send({ deal_id: manualDeal }).expect(200);

    const id = await post(org, 'mapping-rules', { name: 'Research', tags: ['RESEARCH'], deal_id: d, enabled: false });
    await settled(org);
    expect(await get(org, tagged.id)).toMatchObject({ mapping_status: 'unmapped' });

    await http().patch(`/api/v1/mapping-rules/${id}`).set(as(org)).send({ enabled: true }).expect(200);
    await waitFor('the entry to be re-mapped', async () => (await get(org, tagged.id)).mapping_status === 'mapped');
    expect(await get(org, tagged.id)).toMatchObject({ deal_id: d, mapping_rule: `rule:${id}` });
    expect(await get(org, assignedByHand.id)).toMatchObject({ deal_id: manualDeal, mapping_rule: 'manual' });

    await http().delete(`/api/v1/mapping-rules/${id}`).set(as(org)).expect(204);
    await settled(org);
    expect(await get(org, tagged.id)).toMatchObject({ mapping_status: 'mapped', deal_id: d, mapping_rule: `rule:${id}` });
    const later = await entry(org, { tags: ['research'] });
    expect(later).toMatchObject({ mapping_status: 'unmapped' });
  });

  it('re-maps the whole queue in keyset chunks, past entries that still do not map', async () => {
    const org = await signup(app, 'Remap Chunks');
    const d = await post(org, 'deals', { name: 'Soylent' });
    const hour = (i: number) => ({ start_time: `2026-04-01T${String(i).padStart(2, '0')}:00:00.000Z`, end_time: `2026-04-01T${String(i).padStart(2, '0')}:30:00.000Z`, duration_seconds: 1800 });
    const matching: string[] = [];
    for (let i = 0; i < 7; i++) {
      const e = await entry(org, { ...hour(i), tags: i % 3 === 1 ? ['other'] : ['green'] });
      if (i % 3 !== 1) matching.push(e.id);
    }
    const id = await post(org, 'mapping-rules', { name: 'Green', tags: ['green'], deal_id: d, enabled: false });
    await settled(org);
    await db.query(`UPDATE mapping_rules SET enabled = true WHERE organization_id = $1 AND id = $2`, [org.organizationId, id]);

    expect(await worker.get(ReviewQueueRemapper).remap(org.organizationId, 2)).toEqual({ scanned: 7, mapped: 5 });
    const unmapped = (await http().get('/api/v1/time-entries/unmapped').set(as(org)).expect(200)).body.data;
    expect(unmapped).toHaveLength(2);
    for (const e of matching) expect(await get(org, e)).toMatchObject({ mapping_status: 'mapped', mapping_rule: `rule:${id}` });
    expect(await worker.get(ReviewQueueRemapper).remap(org.organizationId, 2)).toEqual({ scanned: 2, mapped: 0 });
  });

  it('bulk-assign: all named entries in one go, each audited with an event; unknown ids refuse the whole request', async () => {
    const org = await signup(app, 'Bulk Assign');
    const other = await signup(app, 'Bulk Assign Other');
    const acc = await post(org, 'accounts', { name: 'Vandelay' });
    const d = await post(org, 'deals', { name: 'Vandelay imports', account_id: acc });
    const t = await post(org, 'tasks', { title: 'Latex', deal_id: d });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await entry(org, { project_name: `Item ${i}` })).id);
    const foreign = (await entry(other, { project_name: 'Theirs' })).id;
    const missing = '0190a5e0-0000-7000-8000-000000000001';

    const refused = await http().post('/api/v1/time-entries/bulk-assign').set(as(org)).send({ ids: [...ids, foreign, missing], task_id: t }).expect(422);
    expect(refused.body.details).toEqual([{ field: 'ids', errors: [`${foreign} is not a time entry of this organization`, `${missing} is not a time entry of this organization`] }]);
    await http().post('/api/v1/time-entries/bulk-assign').set(as(org)).send({ ids }).expect(400);
    await http().post('/api/v1/time-entries/bulk-assign').set(as(org)).send({ ids: [], deal_id: d }).expect(400);
    const foreignDeal = await post(other, 'deals', { name: 'Theirs' });
    expect((await http().post('/api/v1/time-entries/bulk-assign').set(as(org)).send({ ids, deal_id: foreignDeal }).expect(422)).body.details).toEqual([expect.objectContaining({ field: 'deal_id' })]);
    for (const id of ids) expect(await get(org, id)).toMatchObject({ mapping_status: 'unmapped', version: 1 });
    expect(await get(other, foreign)).toMatchObject({ mapping_status: 'unmapped' });

    const res = await http().post('/api/v1/time-entries/bulk-assign').set(as(org)).send({ ids: [...ids, ids[0]], task_id: t }).expect(200);
    expect(res.body.updated).toBe(3);
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual(ids);
    for (const e of res.body.data) expect(e).toMatchObject({ task_id: t, deal_id: d, account_id: acc, mapping_status: 'mapped', mapping_rule: 'manual', unmapped_reason: null });
    const audit = await db.query(`SELECT object_id, actor_id FROM audit_logs WHERE organization_id = $1 AND object_type = 'time_entry' AND action = 'update'`, [org.organizationId]);
    expect(audit.map((a: { object_id: string }) => a.object_id).sort()).toEqual([...ids].sort());
    expect(audit.every((a: { actor_id: string }) => a.actor_id === org.userId)).toBe(true);
    const [{ mapped }] = await db.query(`SELECT count(*)::int AS mapped FROM outbox_events WHERE organization_id = $1 AND type = 'time_entry.mapped' AND aggregate_id = ANY($2::uuid[])`, [org.organizationId, ids]);
    expect(mapped).toBe(3);
  });
});
