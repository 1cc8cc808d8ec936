import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { apiKeyWithRole, members, signup, type Member } from '../support/org-fixture';

interface Entry {
  id: string;
  user_id: string | null;
  productivity_score: number | null;
  duration_seconds: number;
}

/**
 * Who reads whose time (docs/permissions.md): admins and managers every entry with its
 * productivity score; sales and support only their own entries (list, CSV, by id) and never a
 * score; on a deal or account they may read, the hours of everyone without who logged them.
 */
describe('time entry visibility by role', () => {
  const api = apiWithOrg('Time Visibility Org');
  let manager: Member, sales: Member, colleague: Member, support: Member;
  let account: string;
  let deal: string;
  const entries: Record<string, string> = {};
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const list = async (token: string, q = '') => (await http().get(`/api/v1/time-entries?limit=200${q}`).set(as(token)).expect(200)).body.data as Entry[];
  const csv = async (token: string, q = '') => parse((await http().get(`/api/v1/time-entries?format=csv${q}`).set(as(token)).expect(200)).text, { columns: true }) as Record<string, string>[];
  const post = async (userId: string, extra: Record<string, unknown>) =>
    (await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(timeEntryBody({ user_id: userId, deal_id: deal, ...extra })).expect(201)).body.id as string;

  beforeAll(async () => {
    ({ manager, sales, colleague, support } = await members(api.app, api.admin.accessToken, { manager: 'manager', sales: 'sales', colleague: 'sales', support: 'support' }));
    account = await createAccount(api.app, api.admin, { name: 'Initech' });
    deal = await createDeal(api.app, api.admin, { name: 'Initech rollout', account_id: account });
    entries['sales'] = await post(sales.id, { project_name: 'Own work', employee_id: 'emp-sales', productivity_score: 0.91, duration_seconds: 1800, start_time: '2026-03-02T09:00:00.000Z', end_time: '2026-03-02T09:30:00.000Z' });
    entries['colleague'] = await post(colleague.id, { project_name: 'Colleague work', employee_id: 'emp-colleague', productivity_score: 0.37, billable: false });
    entries['support'] = await post(support.id, { project_name: 'Support work', employee_id: 'emp-support', productivity_score: 0.55, deal_id: null });
  });

  it("gives sales only their own entries, without scores, in the list and the CSV; a colleague's user_id gives nothing", async () => {
    const own = await list(sales.token);
    expect(own.map((e) => e.id)).toEqual([entries['sales']]);
    expect(own[0]).toMatchObject({ user_id: sales.id, productivity_score: null, duration_seconds: 1800 });
    expect(await list(sales.token, `&user_id=${colleague.id}`)).toEqual([]);
    expect(await list(sales.token, `&deal_id=${deal}`)).toHaveLength(1);

    const rows = await csv(sales.token);
    expect(rows.map((r) => r['id'])).toEqual([entries['sales']]);
    expect(rows[0]['productivity_score']).toBe('');
    expect(await csv(sales.token, `&user_id=${colleague.id}`)).toEqual([]);
    const text = (await http().get('/api/v1/time-entries?format=csv').set(as(sales.token)).expect(200)).text;
    expect(text).not.toContain('0.91');
    expect(text).not.toContain('0.37');
    expect(text).not.toContain(colleague.id);
  });

  it("answers 404 for a colleague's entry by id; the own one comes without a score", async () => {
    const refused = await http().get(`/api/v1/time-entries/${entries['colleague']}`).set(as(sales.token)).expect(404);
    expect(refused.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(JSON.stringify(refused.body)).not.toContain('Colleague work');
    await http().get(`/api/v1/time-entries/${entries['support']}`).set(as(sales.token)).expect(404);
    const own = await http().get(`/api/v1/time-entries/${entries['sales']}`).set(as(sales.token)).expect(200);
    expect(own.body).toMatchObject({ id: entries['sales'], productivity_score: null });
  });

  it('gives support the same: only its own entries, without scores', async () => {
    const own = await list(support.token);
    expect(own.map((e) => e.id)).toEqual([entries['support']]);
    expect(own[0].productivity_score).toBeNull();
    await http().get(`/api/v1/time-entries/${entries['sales']}`).set(as(support.token)).expect(404);
  });

  it('leaves admins and managers unchanged: every entry, with scores', async () => {
    for (const token of [api.admin.accessToken, manager.token]) {
      const all = await list(token);
      expect(all.map((e) => e.id).sort()).toEqual(Object.values(entries).sort());
      expect(all.find((e) => e.id === entries['colleague'])?.productivity_score).toBe(0.37);
      const rows = await csv(token, `&user_id=${colleague.id}`);
      expect(rows).toEqual([expect.objectContaining({ id: entries['colleague'], productivity_score: '0.37' })]);
      expect((await http().get(`/api/v1/time-entries/${entries['sales']}`).set(as(token)).expect(200)).body.productivity_score).toBe(0.91);
    }
  });

  it('makes API keys act with their role: a sales key owns no entries, a manager key reads all', async () => {
    const salesKey = (await apiKeyWithRole(api.app, api.admin.accessToken, 'sales')).key;
    expect(await list(salesKey)).toEqual([]);
    await http().get(`/api/v1/time-entries/${entries['sales']}`).set(as(salesKey)).expect(404);
    const managerKey = (await apiKeyWithRole(api.app, api.admin.accessToken, 'manager')).key;
    expect((await list(managerKey)).length).toBe(3);
  });

  it("shows sales a deal's hours of everyone, with no per-person figures", async () => {
    const res = await http().get(`/api/v1/deals/${deal}/time`).set(as(sales.token)).expect(200);
    expect(res.body).toEqual({ deal_id: deal, entries: 2, seconds: 5400, hours: 1.5, billable_seconds: 1800, billable_hours: 0.5 });
    expect((await http().get(`/api/v1/deals/${deal}/time`).set(as(manager.token)).expect(200)).body).toEqual(res.body);
    await http().get(`/api/v1/deals/${deal}/time`).set(as(support.token)).expect(403);
    const stranger = await signup(api.app, 'Other Time Org');
    await http().get(`/api/v1/deals/${deal}/time`).set(as(stranger.accessToken)).expect(404);
  });

  it("shows sales the account's logged hours on its timeline, but not who logged a colleague's entry", async () => {
    const items = async (token: string) =>
      ((await http().get(`/api/v1/accounts/${account}/timeline?limit=100`).set(as(token)).expect(200)).body.data as { type: string; id: string; summary: string; data: Record<string, unknown> }[]).filter(
        (i) => i.type === 'time_entry',
      );
    const seen = await items(sales.token);
    const own = seen.find((i) => i.id === entries['sales']);
    const theirs = seen.find((i) => i.id === entries['colleague']);
    expect(own?.data).toMatchObject({ user_id: sales.id, employee_id: 'emp-sales', activity_type: 'app', duration_seconds: 1800 });
    expect(theirs?.data).toMatchObject({ user_id: null, employee_id: null, activity_type: null, duration_seconds: 3600, deal_id: deal });
    expect(theirs?.summary).toBe('1.00 h logged: Initech rollout');
    expect(JSON.stringify(seen)).not.toContain(colleague.id);
    expect(JSON.stringify(seen)).not.toContain('emp-colleague');
    expect(JSON.stringify(seen)).not.toMatch(/productivity|0\.37|0\.91/);
    const managerView = (await items(manager.token)).find((i) => i.id === entries['colleague']);
    expect(managerView?.data).toMatchObject({ user_id: colleague.id, employee_id: 'emp-colleague', activity_type: 'app' });
  });
});
