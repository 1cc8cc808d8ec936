import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';

// Mapping rules through the API, and the DealMatcher's rule step as ingestion applies it: each case
// in its own organization (the client-tag and fuzzy steps look at all of an organization's deals).
describe('mapping rules', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const as = (org: SignedUp | string) => ({ Authorization: `Bearer ${typeof org === 'string' ? org : org.accessToken}` });

  const post = async (org: SignedUp, path: string, body: object): Promise<string> => (await http().post(`/api/v1/${path}`).set(as(org)).send(body).expect(201)).body.id;
  const account = (org: SignedUp, name: string) => post(org, 'accounts', { name });
  const deal = (org: SignedUp, name: string, accountId: string | null = null) => post(org, 'deals', { name, account_id: accountId });
  const task = (org: SignedUp, title: string, dealId: string | null) => post(org, 'tasks', { title, deal_id: dealId });
  const rule = (org: SignedUp, body: object) => post(org, 'mapping-rules', { name: 'Rule', ...body });
  const entry = async (org: SignedUp, body: Record<string, unknown>) => (await http().post('/api/v1/time-entries').set(as(org)).send(timeEntryBody(body)).expect(201)).body;
  const ruleOf = (id: string) => `rule:${id}`;

  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(() => app.close());

  it('CRUD for managers: defaults, ETag and If-Match, lists in the order rules are tried, CSV, delete', async () => {
    const org = await signup(app, 'Rules CRUD');
    const manager = await userWithRole(app, org.accessToken, 'manager');
    const d = await deal(org, 'Apollo');
    const created = await http().post('/api/v1/mapping-rules').set(as(manager.token)).send({ name: ' Apollo work ', project_name: 'Apollo', deal_id: d }).expect(201);
    expect(created.body).toMatchObject({
      name: 'Apollo work', priority: 100, enabled: true, project_name: 'Apollo', project_match: 'equals', tags: [], user_id: null, employee_id: null,
      activity_type: null, deal_id: d, task_id: null, created_by: manager.id, version: 1,
    });
    const id = created.body.id;
    const urgent = await rule(org, { name: 'Urgent', tags: ['Urgent', 'urgent ', 'hot'], deal_id: d, priority: 5 });

    const got = await http().get(`/api/v1/mapping-rules/${id}`).set(as(manager.token)).expect(200);
    expect(got.headers['etag']).toBe('"1"');
    const list = await http().get('/api/v1/mapping-rules').set(as(org)).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([urgent, id]);
    expect(list.body.data[0].tags).toEqual(['Urgent', 'hot']);
    const page = await http().get('/api/v1/mapping-rules?limit=1').set(as(org)).expect(200);
    const next = await http().get(`/api/v1/mapping-rules?limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`).set(as(org)).expect(200);
    expect([page.body.data[0].id, next.body.data[0].id]).toEqual([urgent, id]);

    const patched = await http().patch(`/api/v1/mapping-rules/${id}`).set(as(manager.token)).set('If-Match', '"1"').send({ enabled: false, project_match: 'contains' }).expect(200);
    expect(patched.body).toMatchObject({ enabled: false, project_match: 'contains', project_name: 'Apollo', version: 2 });
    await http().patch(`/api/v1/mapping-rules/${id}`).set(as(org)).set('If-Match', '"1"').send({ name: 'Stale' }).expect(412);
    const disabled = await http().get('/api/v1/mapping-rules?enabled=false').set(as(org)).expect(200);
    expect(disabled.body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    const csv = await http().get('/api/v1/mapping-rules?format=csv').set(as(org)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toMatch(/^id,name,priority,enabled,project_name/);
    expect(csv.text).toContain('Apollo work');

    await http().delete(`/api/v1/mapping-rules/${id}`).set(as(manager.token)).expect(204);
    await http().get(`/api/v1/mapping-rules/${id}`).set(as(org)).expect(404);
    const audit = await http().get(`/api/v1/audit-logs?object_type=mapping_rule&object_id=${id}`).set(as(org)).expect(200);
    expect(audit.body.data.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('refuses a rule without a criterion or a target (400 naming the field) and references of other organizations (422)', async () => {
    const org = await signup(app, 'Rules Validation');
    const other = await signup(app, 'Rules Validation Other');
    const d = await deal(org, 'Apollo');
    const d2 = await deal(org, 'Zeus');
    const t2 = await task(org, 'Zeus task', d2);
    const foreignDeal = await deal(other, 'Foreign');
    const foreignTask = await task(other, 'Foreign task', foreignDeal);
    const fields = (res: request.Response) => (res.body.details as { field: string }[]).map((x) => x.field);

    expect(fields(await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: 'No criterion', deal_id: d }).expect(400))).toEqual(['project_name']);
    expect(fields(await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: 'No target', tags: ['a'] }).expect(400))).toEqual(['deal_id']);
    expect(fields(await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: '', project_name: 'A', deal_id: d, project_match: 'fuzzy', activity_type: 'personal', priority: -1 }).expect(400)).sort()).toEqual(
      ['activity_type', 'name', 'priority', 'project_match'],
    );
    const foreign = await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: 'Foreign', project_name: 'A', deal_id: foreignDeal }).expect(422);
    expect(foreign.body).toMatchObject({ statusCode: 422, details: [{ field: 'deal_id' }] });
    expect(fields(await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: 'F', project_name: 'A', task_id: foreignTask }).expect(422))).toEqual(['task_id']);
    expect(fields(await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: 'F', user_id: other.userId, deal_id: d }).expect(422))).toEqual(['user_id']);
    expect(fields(await http().post('/api/v1/mapping-rules').set(as(org)).send({ name: 'F', project_name: 'A', deal_id: d, task_id: t2 }).expect(422))).toEqual(['task_id']);
    expect((await http().get('/api/v1/mapping-rules').set(as(org)).expect(200)).body.data).toEqual([]);

    const id = await rule(org, { project_name: 'Apollo', deal_id: d });
    expect(fields(await http().patch(`/api/v1/mapping-rules/${id}`).set(as(org)).send({ project_name: null }).expect(400))).toEqual(['project_name']);
    expect(fields(await http().patch(`/api/v1/mapping-rules/${id}`).set(as(org)).send({ deal_id: foreignDeal }).expect(422))).toEqual(['deal_id']);
    expect((await http().get(`/api/v1/mapping-rules/${id}`).set(as(org)).expect(200)).body).toMatchObject({ project_name: 'Apollo', deal_id: d, version: 1 });
  });

  it('maps by each criterion on its own, case-insensitively, to the deal and its account (rule:<id>)', async () => {
    const org = await signup(app, 'Rules Criteria');
    const acc = await account(org, 'Initech');
    const d = await deal(org, 'Initech retainer', acc);
    const agent = await post(org, 'users', { name: 'Agent', email: `agent-${randomUUID()}@clockwork.test`, password: 'correct horse battery staple', role: 'sales', linked_employee_id: 'emp-77' });
    const byProject = await rule(org, { project_name: 'Website Relaunch', deal_id: d });
    const byPart = await rule(org, { project_name: 'TPS', project_match: 'contains', deal_id: d });
    const byTags = await rule(org, { tags: ['Design', 'Print'], deal_id: d });
    const byUser = await rule(org, { user_id: org.userId, deal_id: d });
    const byEmployee = await rule(org, { employee_id: 'emp-77', deal_id: d });
    const byActivity = await rule(org, { activity_type: 'website', deal_id: d });

    const cases: [Record<string, unknown>, string][] = [
      [{ project_name: 'website relaunch', activity_type: 'app' }, byProject],
      [{ project_name: 'Weekly tps reports', activity_type: 'app' }, byPart],
      [{ tags: ['print', 'DESIGN', 'other'], activity_type: 'app' }, byTags],
      [{ user_id: org.userId, activity_type: 'app' }, byUser],
      [{ employee_id: 'emp-77', activity_type: 'app' }, byEmployee],
      [{ activity_type: 'website' }, byActivity],
    ];
    for (const [body, expected] of cases) {
      expect(await entry(org, body)).toMatchObject({ mapping_status: 'mapped', mapping_rule: ruleOf(expected), deal_id: d, account_id: acc, task_id: null, unmapped_reason: null });
    }
    expect(await entry(org, { employee_id: 'emp-77', activity_type: 'manual' })).toMatchObject({ user_id: agent, mapping_rule: ruleOf(byEmployee) });
    for (const miss of [{ project_name: 'Website relaunch v2' }, { tags: ['design'] }, { project_name: 'Misc', tags: ['print'] }]) {
      expect(await entry(org, { ...miss, activity_type: 'app' })).toMatchObject({ mapping_status: 'unmapped', mapping_rule: null, deal_id: null });
    }
  });

  it('a rule with a task maps to the task, its deal and the account', async () => {
    const org = await signup(app, 'Rules Task');
    const acc = await account(org, 'Umbrella');
    const d = await deal(org, 'Umbrella portal', acc);
    const t = await task(org, 'Login page', d);
    const id = await rule(org, { tags: ['login'], task_id: t });
    expect(await entry(org, { tags: ['login'] })).toMatchObject({ mapping_rule: ruleOf(id), task_id: t, deal_id: d, account_id: acc });
  });

  it('tries rules by priority (lower first), ties by age; disabled rules are skipped', async () => {
    const org = await signup(app, 'Rules Priority');
    const [d1, d2, d3] = [await deal(org, 'One'), await deal(org, 'Two'), await deal(org, 'Three')];
    const older = await rule(org, { tags: ['dev'], deal_id: d1, priority: 50 });
    await rule(org, { tags: ['dev'], deal_id: d2, priority: 50 });
    const first = await rule(org, { tags: ['dev'], activity_type: 'app', deal_id: d3, priority: 10, enabled: false });
    expect(await entry(org, { tags: ['dev'] })).toMatchObject({ mapping_rule: ruleOf(older), deal_id: d1 });
    await http().patch(`/api/v1/mapping-rules/${first}`).set(as(org)).send({ enabled: true }).expect(200);
    expect(await entry(org, { tags: ['dev'] })).toMatchObject({ mapping_rule: ruleOf(first), deal_id: d3 });
    await http().patch(`/api/v1/mapping-rules/${first}`).set(as(org)).send({ priority: 60 }).expect(200);
    expect(await entry(org, { tags: ['dev'] })).toMatchObject({ mapping_rule: ruleOf(older), deal_id: d1 });
  });

  it('rules come after explicit ids and before the client: tag', async () => {
    const org = await signup(app, 'Rules Precedence');
    const acme = await account(org, 'Acme');
    const acmeDeal = await deal(org, 'Acme support', acme);
    const target = await deal(org, 'Special project');
    const explicit = await deal(org, 'Explicit');
    const id = await rule(org, { tags: ['special'], deal_id: target });
    expect(await entry(org, { tags: ['client:Acme'] })).toMatchObject({ mapping_rule: 'client_tag', deal_id: acmeDeal });
    expect(await entry(org, { tags: ['client:Acme', 'special'] })).toMatchObject({ mapping_rule: ruleOf(id), deal_id: target });
    expect(await entry(org, { tags: ['client:Acme', 'special'], deal_id: explicit })).toMatchObject({ mapping_rule: 'explicit_deal', deal_id: explicit });
  });

  it('assign with create_rule refuses what the entry cannot match on (400 naming create_rule.match_on) and then changes nothing', async () => {
    const org = await signup(app, 'Rules From Assignment');
    const d = await deal(org, 'Target');
    const e = await entry(org, { project_name: 'Orion', user_id: org.userId });
    const assign = (body: object) => http().post(`/api/v1/time-entries/${e.id}/assign`).set(as(org)).send({ deal_id: d, ...body });
    const fields = (res: request.Response) => (res.body.details as { field: string }[]).map((x) => x.field);
    expect(fields(await assign({ create_rule: { match_on: ['tags'] } }).expect(400))).toEqual(['create_rule.match_on']);
    expect(fields(await assign({ create_rule: { match_on: ['colour'] } }).expect(400))).toEqual(['create_rule.match_on']);
    expect(fields(await assign({ create_rule: { match_on: [] } }).expect(400))).toEqual(['create_rule.match_on']);
    expect((await http().get(`/api/v1/time-entries/${e.id}`).set(as(org)).expect(200)).body).toMatchObject({ mapping_status: 'unmapped', version: 1 });
    expect((await http().get('/api/v1/mapping-rules').set(as(org)).expect(200)).body.data).toEqual([]);

    await assign({ create_rule: { match_on: ['project_name', 'employee'], name: 'Orion by me', priority: 7 } }).expect(200);
    const [made] = (await http().get('/api/v1/mapping-rules').set(as(org)).expect(200)).body.data;
    expect(made).toMatchObject({ name: 'Orion by me', priority: 7, project_name: 'Orion', user_id: org.userId, deal_id: d, created_by: org.userId });
    expect(await entry(org, { project_name: 'ORION', user_id: org.userId })).toMatchObject({ mapping_rule: `rule:${made.id}`, deal_id: d });
  });

  it("never uses another organization's rules", async () => {
    const org = await signup(app, 'Rules Tenancy');
    const other = await signup(app, 'Rules Tenancy Other');
    await rule(other, { tags: ['shared-tag'], deal_id: await deal(other, 'Theirs') });
    expect(await entry(org, { tags: ['shared-tag'] })).toMatchObject({ mapping_status: 'unmapped', deal_id: null });
  });
});
