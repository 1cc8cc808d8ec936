import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource, EntityManager } from 'typeorm';
import { DealMatcher, MappingInput, MappingResult } from '@clockwork/server-time-entries';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp } from '../support/org-fixture';

// The DealMatcher against real data: every record is created through the API, each case in
// its own organization (fuzzy and client matching look at all of an organization's deals).
describe('time entry mapping', () => {
  let app: INestApplication;
  let strict: INestApplication | undefined;
  const http = () => request(app.getHttpServer());
  const as = (org: SignedUp) => ({ Authorization: `Bearer ${org.accessToken}` });

  const post = async (org: SignedUp, path: string, body: object): Promise<string> =>
    (await http().post(`/api/v1/${path}`).set(as(org)).send(body).expect(201)).body.id;
  const account = (org: SignedUp, name: string, domain?: string) => post(org, 'accounts', { name, ...(domain ? { domain } : {}) });
  const deal = (org: SignedUp, name: string, accountId: string | null = null, stage = 'prospecting') => post(org, 'deals', { name, account_id: accountId, stage });
  const task = (org: SignedUp, title: string, dealId: string | null) => post(org, 'tasks', { title, deal_id: dealId });
  const employee = (org: SignedUp, employeeId: string) =>
    post(org, 'users', { name: 'Agent', email: `agent-${randomUUID()}@clockwork.test`, password: 'correct horse battery staple', role: 'sales', linked_employee_id: employeeId });

  const inTransaction = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => app.get(DataSource).transaction(work);
  const map = (org: SignedUp, input: MappingInput): Promise<MappingResult> => inTransaction((m) => app.get(DealMatcher).map(m, org.organizationId, input));
  const unmapped = (reason: string, over: Partial<MappingResult> = {}): MappingResult => ({
    user_id: null, deal_id: null, task_id: null, account_id: null, mapping_status: 'unmapped', mapping_rule: null, unmapped_reason: reason, ...over,
  });

  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(async () => {
    await strict?.close();
    await app.close();
  });

  it('person: user_id of the organization, else the user linked to employee_id; another organization user is absent', async () => {
    const org = await signup(app, 'Mapping People');
    const other = await signup(app, 'Mapping People Other');
    const agent = await employee(org, 'emp-42');
    expect(await map(org, { user_id: org.userId, employee_id: 'emp-42' })).toEqual(unmapped('no_match', { user_id: org.userId }));
    expect(await map(org, { employee_id: 'emp-42' })).toEqual(unmapped('no_match', { user_id: agent }));
    expect(await map(org, { user_id: other.userId })).toEqual(unmapped('no_match'));
    expect(await map(org, { user_id: other.userId, employee_id: 'emp-42' })).toMatchObject({ user_id: agent });
  });

  it('an employee without a linked user leaves the entry unmapped (unknown_employee), even with an explicit deal', async () => {
    const org = await signup(app, 'Mapping Unknown');
    const other = await signup(app, 'Mapping Unknown Other');
    await employee(other, 'emp-7'); // linked in another organization only
    const d = await deal(org, 'Website');
    expect(await map(org, { employee_id: 'emp-7', deal_id: d })).toEqual(unmapped('unknown_employee'));
  });

  it('explicit task: the task, its deal and the deal account', async () => {
    const org = await signup(app, 'Mapping Task');
    const acc = await account(org, 'Acme Corp');
    const d = await deal(org, 'Acme Website', acc);
    const otherDeal = await deal(org, 'Other');
    const t = await task(org, 'Homepage', d);
    expect(await map(org, { task_id: t, deal_id: otherDeal, user_id: org.userId })).toEqual({
      user_id: org.userId, task_id: t, deal_id: d, account_id: acc, mapping_status: 'mapped', mapping_rule: 'explicit_task', unmapped_reason: null,
    });
  });

  it('explicit deal; another organization deal or task id is ignored as if absent', async () => {
    const org = await signup(app, 'Mapping Deal');
    const other = await signup(app, 'Mapping Deal Other');
    const acc = await account(org, 'Globex');
    const d = await deal(org, 'Globex Rollout', acc);
    const foreignDeal = await deal(other, 'Globex Rollout', null);
    const foreignTask = await task(other, 'Foreign', foreignDeal);
    expect(await map(org, { deal_id: d })).toMatchObject({ deal_id: d, account_id: acc, task_id: null, mapping_status: 'mapped', mapping_rule: 'explicit_deal' });
    expect(await map(org, { deal_id: foreignDeal, task_id: foreignTask })).toEqual(unmapped('no_match'));
    // ignored, the later steps still run: here the fuzzy step finds this organization's deal
    expect(await map(org, { deal_id: foreignDeal, project_name: 'Globex Rollout' })).toMatchObject({ deal_id: d, mapping_rule: 'fuzzy_project' });
  });

  it('client tag: the account single open deal; two open deals -> client_ambiguous with the account', async () => {
    const org = await signup(app, 'Mapping Client');
    const initech = await account(org, 'Initech', 'initech.com');
    const open = await deal(org, 'Initech Support', initech);
    await deal(org, 'Initech Old Contract', initech, 'won');
    await deal(org, 'Initech Lost Pitch', initech, 'lost');
    expect(await map(org, { tags: ['billable', '  Client: INITECH '] })).toMatchObject({ deal_id: open, account_id: initech, mapping_status: 'mapped', mapping_rule: 'client_tag' });
    expect(await map(org, { tags: ['client:initech.com'] })).toMatchObject({ deal_id: open, mapping_rule: 'client_tag' });

    const umbrella = await account(org, 'Umbrella');
    await deal(org, 'Umbrella Phase 1', umbrella);
    await deal(org, 'Umbrella Phase 2', umbrella);
    expect(await map(org, { tags: ['client:umbrella'], project_name: 'Umbrella Phase 1' })).toEqual(unmapped('client_ambiguous', { account_id: umbrella }));
    const closedOnly = await account(org, 'Hooli');
    await deal(org, 'Hooli Done', closedOnly, 'won');
    expect(await map(org, { tags: ['client:hooli'] })).toEqual(unmapped('client_ambiguous', { account_id: closedOnly }));
  });

  it('fuzzy project_name: a typo still finds the deal', async () => {
    const org = await signup(app, 'Mapping Fuzzy');
    const acc = await account(org, 'Acme Corp');
    const site = await deal(org, 'Acme Website Redesign', acc);
    await deal(org, 'Acme Mobile App', acc);
    expect(await map(org, { project_name: 'Acme Webiste Redesign' })).toEqual({
      user_id: null, task_id: null, deal_id: site, account_id: acc, mapping_status: 'mapped', mapping_rule: 'fuzzy_project', unmapped_reason: null,
    });
    expect(await map(org, { project_name: 'Quarterly tax filing' })).toEqual(unmapped('no_match'));
  });

  it('the fuzzy threshold comes from MAPPING_FUZZY_THRESHOLD', async () => {
    // Closing a second api app in this process would close the first one's shared pool: afterAll does it.
    strict = await createApiApp({ MAPPING_FUZZY_THRESHOLD: '0.9' });
    const strictMatcher = strict.get(DealMatcher);
    const org = await signup(app, 'Mapping Threshold');
    await deal(org, 'Acme Website Redesign');
    const viaStrict = await inTransaction((m) => strictMatcher.map(m, org.organizationId, { project_name: 'Acme Webiste Redesign' }));
    expect(viaStrict).toEqual(unmapped('no_match')); // similarity ~0.69 < 0.9
    expect(await map(org, { project_name: 'Acme Webiste Redesign' })).toMatchObject({ mapping_rule: 'fuzzy_project' }); // default 0.45
  });

  it('fuzzy on an account name with a single open deal', async () => {
    const org = await signup(app, 'Mapping Fuzzy Account');
    const acc = await account(org, 'Stark Industries');
    const d = await deal(org, 'Q3 retainer', acc);
    expect(await map(org, { project_name: 'Stark Industries' })).toMatchObject({ deal_id: d, account_id: acc, mapping_rule: 'fuzzy_project' });
  });

  it('a tie between two deals at the top score is unmapped (ambiguous_match)', async () => {
    const org = await signup(app, 'Mapping Tie');
    await deal(org, 'Mobile App', await account(org, 'Northwind'));
    await deal(org, 'Mobile App', await account(org, 'Contoso'));
    expect(await map(org, { project_name: 'Mobile Ap' })).toEqual(unmapped('ambiguous_match'));
  });

  it('won and lost deals are never chosen by the client or fuzzy steps', async () => {
    const org = await signup(app, 'Mapping Closed');
    const acc = await account(org, 'Wayne Enterprises');
    await deal(org, 'Batcave Renovation', acc, 'won');
    await deal(org, 'Batmobile Tuning', acc, 'lost');
    expect(await map(org, { project_name: 'Batcave Renovation' })).toEqual(unmapped('no_match'));
    expect(await map(org, { project_name: 'Batmobile Tuning' })).toEqual(unmapped('no_match'));
    expect(await map(org, { project_name: 'Wayne Enterprises' })).toEqual(unmapped('no_match')); // no single open deal
  });

  it('mapMany returns what map returns, in order, with a bounded number of queries', async () => {
    const org = await signup(app, 'Mapping Batch');
    const other = await signup(app, 'Mapping Batch Other');
    const agent = await employee(org, 'emp-batch');
    const acme = await account(org, 'Acme Corp');
    const site = await deal(org, 'Acme Website Redesign', acme);
    const t = await task(org, 'Copywriting', site);
    const initech = await account(org, 'Initech');
    const support = await deal(org, 'Initech Support', initech);
    await deal(org, 'Mobile App', await account(org, 'Northwind'));
    await deal(org, 'Mobile App', await account(org, 'Contoso'));
    const foreign = await deal(other, 'Foreign', null);
    const kinds: MappingInput[] = [
      { employee_id: 'emp-batch', task_id: t },
      { user_id: org.userId, deal_id: site },
      { employee_id: 'nobody', deal_id: site },
      { tags: ['client:initech'] },
      { project_name: 'Acme Webiste Redesign', employee_id: 'emp-batch' },
      { project_name: 'Mobile Ap' },
      { deal_id: foreign },
      { user_id: other.userId, project_name: 'Unrelated words' },
    ];
    const singles = await Promise.all(kinds.map((k) => map(org, k)));
    expect(singles.map((r) => r.mapping_rule ?? r.unmapped_reason)).toEqual([
      'explicit_task', 'explicit_deal', 'unknown_employee', 'client_tag', 'fuzzy_project', 'ambiguous_match', 'no_match', 'no_match',
    ]);
    expect(singles[0]).toMatchObject({ user_id: agent, deal_id: site, account_id: acme });
    expect(singles[3]).toMatchObject({ deal_id: support, account_id: initech });

    const batch = Array.from({ length: 2000 }, (_, i) => kinds[(i * 7) % kinds.length]);
    const { results, queries } = await inTransaction(async (m) => {
      const spy = jest.spyOn(m, 'query');
      const results = await app.get(DealMatcher).mapMany(m, org.organizationId, batch);
      return { results, queries: spy.mock.calls.length };
    });
    expect(results).toEqual(batch.map((input) => singles[kinds.indexOf(input)]));
    expect(queries).toBeLessThanOrEqual(9); // users, tasks, deals, mapping rules, accounts, open deals, fuzzy (3: threshold set, query, restore)
  });

  it('leaves the caller transaction pg_trgm threshold as it was, and works without a caller transaction', async () => {
    const org = await signup(app, 'Mapping Setting');
    const d = await deal(org, 'Acme Website Redesign');
    const threshold = (m: EntityManager) => m.query(`SELECT current_setting('pg_trgm.similarity_threshold', true) AS v`).then((r: Array<{ v: string | null }>) => r[0].v);
    const [before, result, after] = await inTransaction(async (m) => {
      await m.query(`SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)`);
      return [await threshold(m), await app.get(DealMatcher).map(m, org.organizationId, { project_name: 'Acme Webiste Redesign' }), await threshold(m)] as const;
    });
    expect(result).toMatchObject({ deal_id: d, mapping_rule: 'fuzzy_project' });
    expect(after).toBe(before);
    expect(await app.get(DealMatcher).map(app.get(DataSource).manager, org.organizationId, { project_name: 'Acme Webiste Redesign' })).toMatchObject({ deal_id: d });
  });
});
