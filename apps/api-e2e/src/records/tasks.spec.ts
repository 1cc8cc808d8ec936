import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiWithOrg } from '../support/api-with-org';
import { createTask } from '../support/domains/tasks.domain';
import { apiKeyWithRole, signup, userWithRole } from '../support/org-fixture';
import { insertDeal } from '../support/records-sql';
import { openPayloads } from '../support/sealed';
import { pagedList } from '../support/paged-list';

// Deals are inserted with SQL (support/records-sql.ts): these tests do not depend on the deals routes.
describe('tasks', () => {
  const api = apiWithOrg('Tasks Org');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const auditCount = async (org: string, id: string): Promise<number> =>
    Number((await api.app.get(DataSource).query(`SELECT count(*) AS n FROM audit_logs WHERE organization_id = $1 AND object_id = $2`, [org, id]))[0].n);

  it('creates, reads, patches and deletes a task; completed_at follows the status', async () => {
    const deal = await insertDeal(api.app, api.admin.organizationId, { name: 'Website' });
    const created = await http()
      .post('/api/v1/tasks')
      .set(as(api.admin.accessToken))
      .send({ title: '  Draft the plan ', deal_id: deal, due_date: '2026-03-01', estimated_hours: 2.5, priority: 'high' })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Draft the plan',
      deal_id: deal,
      status: 'todo',
      priority: 'high',
      due_date: '2026-03-01T00:00:00.000Z',
      estimated_hours: '2.50',
      completed_at: null,
      created_by: api.admin.userId,
      assigned_to: null,
      version: 1,
    });
    const id = created.body.id;
    expect((await http().get(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).expect(200)).headers.etag).toBe('"1"');

    const before = Date.now();
    const done = (await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).send({ status: 'done' }).expect(200)).body;
    expect(done).toMatchObject({ status: 'done', version: 2, title: 'Draft the plan', estimated_hours: '2.50' });
    expect(Date.parse(done.completed_at)).toBeGreaterThanOrEqual(before - 1000);

    const stillDone = (await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).send({ description: 'notes' }).expect(200)).body;
    expect(stillDone.completed_at).toBe(done.completed_at);

    const reopened = (await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).send({ status: 'in_progress', due_date: null, estimated_hours: null }).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'in_progress', completed_at: null, due_date: null, estimated_hours: null, version: 4 });

    await http().delete(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).expect(204);
    await http().get(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).expect(404);
  });

  it('stamps completed_at when a task is created done', async () => {
    const res = await http().post('/api/v1/tasks').set(as(api.admin.accessToken)).send({ title: 'Already done', status: 'done' }).expect(201);
    expect(res.body.completed_at).toEqual(expect.any(String));
  });

  it('names each bad field and writes nothing', async () => {
    const res = await http()
      .post('/api/v1/tasks')
      .set(as(api.admin.accessToken))
      .send({ title: ' ', status: 'finished', priority: 'asap', due_date: 'tomorrow', estimated_hours: '-1', deal_id: 'x', assigned_to: 7, unknown: 1 })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['assigned_to', 'deal_id', 'due_date', 'estimated_hours', 'priority', 'status', 'title', 'unknown']);
    const id = await createTask(api.app, api.admin);
    const nulls = await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).send({ title: null, status: null, priority: null }).expect(400);
    expect(nulls.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['priority', 'status', 'title']);
    const none = await api.app.get(DataSource).query(`SELECT count(*) AS n FROM tasks WHERE organization_id = $1 AND title = ' '`, [api.admin.organizationId]);
    expect(Number(none[0].n)).toBe(0);
  });

  it("refuses another organization's deal or user with a 422 naming the field", async () => {
    const stranger = await signup(api.app, 'Task Stranger');
    const foreignDeal = await insertDeal(api.app, stranger.organizationId, { name: 'Theirs' });
    const byDeal = await http().post('/api/v1/tasks').set(as(api.admin.accessToken)).send({ title: 'X', deal_id: foreignDeal }).expect(422);
    expect(byDeal.body.details).toEqual([{ field: 'deal_id', errors: ['deal_id does not refer to a record of this organization'] }]);
    const id = await createTask(api.app, api.admin);
    const byUser = await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).send({ assigned_to: stranger.userId }).expect(422);
    expect(byUser.body.details[0].field).toBe('assigned_to');
    expect((await http().get(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).expect(200)).body).toMatchObject({ assigned_to: null, version: 1 });
  });

  it('refuses a write based on a stale version (If-Match) with 412', async () => {
    const id = await createTask(api.app, api.admin);
    await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ priority: 'low' }).expect(200);
    const stale = await http().patch(`/api/v1/tasks/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ priority: 'urgent' }).expect(412);
    expect(stale.body.message).toMatch(/changed since version 1 \(now 2\)/);
  });

  it('lets sales change only tasks assigned to them or created by them; support any task', async () => {
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    const support = await userWithRole(api.app, api.admin.accessToken, 'support');
    const own = (await http().post('/api/v1/tasks').set(as(sales.token)).send({ title: 'Mine' }).expect(201)).body;
    expect(own.created_by).toBe(sales.id);
    await http().patch(`/api/v1/tasks/${own.id}`).set(as(sales.token)).send({ priority: 'low' }).expect(200);
    const assigned = await createTask(api.app, api.admin, { assigned_to: sales.id });
    await http().patch(`/api/v1/tasks/${assigned}`).set(as(sales.token)).send({ status: 'blocked' }).expect(200);
    const others = await createTask(api.app, api.admin);
    await http().get(`/api/v1/tasks/${others}`).set(as(sales.token)).expect(200);
    const refused = await http().patch(`/api/v1/tasks/${others}`).set(as(sales.token)).send({ status: 'done' }).expect(403);
    expect(refused.body.message).toBe('The sales role may only change its own tasks');
    await http().delete(`/api/v1/tasks/${others}`).set(as(sales.token)).expect(403);
    await http().patch(`/api/v1/tasks/${others}`).set(as(support.token)).send({ status: 'done' }).expect(200);
    await http().delete(`/api/v1/tasks/${own.id}`).set(as(sales.token)).expect(204);

    const salesKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'sales');
    const byKey = (await http().post('/api/v1/tasks').set(as(salesKey.key)).send({ title: 'From an integration' }).expect(201)).body;
    expect(byKey.created_by).toBeNull();
    await http().patch(`/api/v1/tasks/${byKey.id}`).set(as(salesKey.key)).send({ title: 'Changed' }).expect(403);
  });

  it("lists the caller's own tasks at /tasks/mine with the same filters", async () => {
    const org = await signup(api.app, 'Mine Org');
    const sales = await userWithRole(api.app, org.accessToken, 'sales');
    const a = await createTask(api.app, org, { title: 'a', assigned_to: sales.id });
    const b = await createTask(api.app, org, { title: 'b', assigned_to: sales.id, status: 'done' });
    await createTask(api.app, org, { title: 'not mine' });
    await createTask(api.app, org, { title: 'admin', assigned_to: org.userId });
    const mine = await http().get('/api/v1/tasks/mine?sort=created_at:asc').set(as(sales.token)).expect(200);
    expect(mine.body.data.map((t: { id: string }) => t.id)).toEqual([a, b]);
    const done = await http().get('/api/v1/tasks/mine?status=done').set(as(sales.token)).expect(200);
    expect(done.body.data.map((t: { id: string }) => t.id)).toEqual([b]);
    expect((await http().get('/api/v1/tasks/mine').set(as(org.accessToken)).expect(200)).body.data.map((t: { title: string }) => t.title)).toEqual(['admin']);
    const someoneElse = await http().get(`/api/v1/tasks/mine?assigned_to=${org.userId}`).set(as(sales.token)).expect(400);
    expect(someoneElse.body.details[0].field).toBe('assigned_to');
  });

  it('pages with a stable keyset cursor in every allowed order, and filters', async () => {
    const org = await signup(api.app, 'Task Paging Org');
    const deal = await insertDeal(api.app, org.organizationId, { name: 'Deal' });
    const sales = await userWithRole(api.app, org.accessToken, 'sales');
    await createTask(api.app, org, { title: 't1', due_date: '2026-01-03T00:00:00Z', priority: 'low', deal_id: deal });
    await createTask(api.app, org, { title: 't2', priority: 'high', assigned_to: sales.id });
    await createTask(api.app, org, { title: 't3', due_date: '2026-01-01T00:00:00Z', priority: 'high', deal_id: deal, status: 'blocked' });
    await createTask(api.app, org, { title: 't4', due_date: '2026-01-02T00:00:00Z', priority: 'urgent' });
    await createTask(api.app, org, { title: 't5', assigned_to: sales.id, status: 'blocked' });
    const collect = async (query: string) => (await pagedList<{ title: string }>(() => api.app, '/api/v1/tasks').all(org, 2, query)).map((t) => t.title);
    expect(await collect('sort=created_at:asc')).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(await collect('sort=created_at:desc')).toEqual(['t5', 't4', 't3', 't2', 't1']);
    // Tasks without a due date come last in both directions.
    expect(await collect('sort=due_date:asc')).toEqual(['t3', 't4', 't1', 't2', 't5']);
    expect(await collect('sort=due_date:desc')).toEqual(['t1', 't4', 't3', 't5', 't2']);
    expect(await collect('sort=updated_at:asc')).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(await collect(`deal_id=${deal}&sort=created_at:asc`)).toEqual(['t1', 't3']);
    expect(await collect('priority=high&sort=created_at:asc')).toEqual(['t2', 't3']);
    expect(await collect(`assigned_to=${sales.id}&status=blocked`)).toEqual(['t5']);
    const bad = await http().get('/api/v1/tasks?sort=title:asc').set(as(org.accessToken)).expect(400);
    expect(bad.body.details[0].field).toBe('sort');
    const badFilter = await http().get('/api/v1/tasks?status=finished').set(as(org.accessToken)).expect(400);
    expect(badFilter.body.details[0].field).toBe('status');
  });

  it('exports the filtered list as CSV that parses back', async () => {
    const org = await signup(api.app, 'Task Export Org');
    await createTask(api.app, org, { title: 'Call, then email', priority: 'urgent', estimated_hours: '1.25' });
    await createTask(api.app, org, { title: '=cmd|calc', priority: 'urgent' });
    await createTask(api.app, org, { title: 'Filtered out', priority: 'low' });
    const res = await http().get('/api/v1/tasks?format=csv&priority=urgent&sort=created_at:asc').set(as(org.accessToken)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(['Call, then email', "'=cmd|calc"]);
    expect(rows[0]).toMatchObject({ priority: 'urgent', status: 'todo', estimated_hours: '1.25', created_by: org.userId });
  });

  describe('bulk assign', () => {
    it('assigns every named task, with one audit row and one task.updated event per changed task', async () => {
      const org = await signup(api.app, 'Bulk Org');
      const sales = await userWithRole(api.app, org.accessToken, 'sales');
      const ids = [await createTask(api.app, org), await createTask(api.app, org), await createTask(api.app, org, { assigned_to: sales.id })];
      const res = await http().post('/api/v1/tasks/bulk-assign').set(as(org.accessToken)).send({ task_ids: [...ids, ids[0]], assigned_to: sales.id }).expect(200);
      expect(res.body.updated).toBe(2);
      expect(res.body.data.map((t: { id: string; assigned_to: string }) => [t.id, t.assigned_to])).toEqual(ids.map((id) => [id, sales.id]));
      const mine = await http().get('/api/v1/tasks/mine').set(as(sales.token)).expect(200);
      expect(mine.body.data).toHaveLength(3);
      const events = openPayloads(
        api.app,
        await api.app.get(DataSource).query(`SELECT organization_id, id, aggregate_id, payload FROM outbox_events WHERE organization_id = $1 AND type = 'task.updated' ORDER BY aggregate_id`, [org.organizationId]),
      );
      expect(events.map((e: { aggregate_id: string }) => e.aggregate_id)).toEqual([ids[0], ids[1]].sort());
      expect(events[0].payload).toMatchObject({ assigned_to: sales.id, version: 2 });
      expect(await auditCount(org.organizationId, ids[0])).toBe(2); // create + assign
      expect(await auditCount(org.organizationId, ids[2])).toBe(1); // already assigned: untouched

      const unassigned = await http().post('/api/v1/tasks/bulk-assign').set(as(org.accessToken)).send({ task_ids: [ids[2]], assigned_to: null }).expect(200);
      expect(unassigned.body.data[0]).toMatchObject({ assigned_to: null, version: 2 });
    });

    it('changes nothing and names the missing ids when any id is not a task of the organization', async () => {
      const org = await signup(api.app, 'Bulk Missing Org');
      const stranger = await signup(api.app, 'Bulk Stranger');
      const manager = await userWithRole(api.app, org.accessToken, 'manager');
      const mine = await createTask(api.app, org);
      const theirs = await createTask(api.app, stranger);
      const unknown = randomUUID();
      const res = await http().post('/api/v1/tasks/bulk-assign').set(as(manager.token)).send({ task_ids: [mine, theirs, unknown], assigned_to: manager.id }).expect(404);
      expect(res.body.message).toContain(theirs);
      expect(res.body.message).toContain(unknown);
      expect(res.body.message).not.toContain(mine);
      expect(res.body.details).toEqual([{ field: 'task_ids', errors: [`${theirs} is not a task of this organization`, `${unknown} is not a task of this organization`] }]);
      expect((await http().get(`/api/v1/tasks/${mine}`).set(as(org.accessToken)).expect(200)).body).toMatchObject({ assigned_to: null, version: 1 });
      expect((await http().get(`/api/v1/tasks/${theirs}`).set(as(stranger.accessToken)).expect(200)).body).toMatchObject({ assigned_to: null, version: 1 });
      expect(await auditCount(org.organizationId, mine)).toBe(1);
    });

    it("refuses another organization's user with a 422 naming assigned_to, and bad bodies with a 400", async () => {
      const org = await signup(api.app, 'Bulk 422 Org');
      const stranger = await signup(api.app, 'Bulk 422 Stranger');
      const id = await createTask(api.app, org);
      const res = await http().post('/api/v1/tasks/bulk-assign').set(as(org.accessToken)).send({ task_ids: [id], assigned_to: stranger.userId }).expect(422);
      expect(res.body.details[0].field).toBe('assigned_to');
      expect(await auditCount(org.organizationId, id)).toBe(1);
      const empty = await http().post('/api/v1/tasks/bulk-assign').set(as(org.accessToken)).send({ task_ids: [], assigned_to: null }).expect(400);
      expect(empty.body.details[0].field).toBe('task_ids');
      const tooMany = await http()
        .post('/api/v1/tasks/bulk-assign')
        .set(as(org.accessToken))
        .send({ task_ids: Array.from({ length: 501 }, () => randomUUID()), assigned_to: null })
        .expect(400);
      expect(tooMany.body.details[0].field).toBe('task_ids');
      const noAssignee = await http().post('/api/v1/tasks/bulk-assign').set(as(org.accessToken)).send({ task_ids: [id] }).expect(400);
      expect(noAssignee.body.details[0].field).toBe('assigned_to');
    });
  });

  it('records task.created/updated/deleted events in the outbox with the change', async () => {
    const org = await signup(api.app, 'Task Events Org');
    const id = await createTask(api.app, org, { title: 'Evented' });
    await http().patch(`/api/v1/tasks/${id}`).set(as(org.accessToken)).send({ status: 'done' }).expect(200);
    await http().delete(`/api/v1/tasks/${id}`).set(as(org.accessToken)).expect(204);
    const events = openPayloads(api.app, await api.app.get(DataSource).query(`SELECT organization_id, id, type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at, id`, [org.organizationId, id]));
    expect(events.map((e: { type: string }) => e.type)).toEqual(['task.created', 'task.updated', 'task.deleted']);
    expect(events[1].payload).toMatchObject({ id, status: 'done', version: 2, completed_at: expect.any(String) });
  });
});
