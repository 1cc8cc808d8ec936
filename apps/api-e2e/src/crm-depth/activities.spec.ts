import request from 'supertest';
import { createAccount } from '../support/domains/accounts.domain';
import { createActivity } from '../support/domains/activities.domain';
import { createContact } from '../support/domains/contacts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { members, signup, userWithRole, type Member } from '../support/org-fixture';
import { apiWithOrg } from '../support/api-with-org';

describe('activities', () => {
  const api = apiWithOrg('Activities Org');
  let manager: Member, sales: Member, otherSales: Member, support: Member;
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const count = async () => Number((await api.db.query('SELECT count(*) FROM activities WHERE organization_id = $1', [api.admin.organizationId]))[0].count);
  const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();

  beforeAll(async () => {
    ({ manager, sales, otherSales, support } = await members(api.app, api.admin.accessToken, { manager: 'manager', sales: 'sales', otherSales: 'sales', support: 'support' }));
  });

  it('logs, reads, lists, patches and deletes a call', async () => {
    const contact = await createContact(api.app, api.admin);
    const call = await createActivity(api.app, api.admin, { contact_id: contact, subject: '  Follow-up ', duration_minutes: 12, notes: 'Wants a demo' }, sales.token);
    expect(call).toMatchObject({ type: 'call', subject: 'Follow-up', outcome: 'connected', duration_minutes: 12, contact_id: contact, account_id: null, deal_id: null, owner_id: sales.id, notes: 'Wants a demo' });
    expect((await http().get(`/api/v1/activities/${call.id}`).set(as(support.token)).expect(200)).body.id).toBe(call.id);
    const list = await http().get(`/api/v1/activities?contact_id=${contact}`).set(as(sales.token)).expect(200);
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([call.id]);
    const patched = await http().patch(`/api/v1/activities/${call.id}`).set(as(sales.token)).send({ type: 'meeting', outcome: 'held', duration_minutes: 45 }).expect(200);
    expect(patched.body).toMatchObject({ type: 'meeting', outcome: 'held', duration_minutes: 45 });
    await http().patch(`/api/v1/activities/${call.id}`).set(as(otherSales.token)).send({ subject: 'Mine' }).expect(403);
    await http().delete(`/api/v1/activities/${call.id}`).set(as(manager.token)).expect(204);
    await http().get(`/api/v1/activities/${call.id}`).set(as(sales.token)).expect(404);
  });

  it('refuses a wrong outcome for the type, no record and bad fields with a 400 naming them, writing nothing', async () => {
    const account = await createAccount(api.app, api.admin);
    const before = await count();
    const post = (body: Record<string, unknown>) =>
      http().post('/api/v1/activities').set(as(sales.token)).send({ type: 'call', subject: 'Call', occurred_at: '2026-03-01T09:00:00.000Z', duration_minutes: 5, outcome: 'connected', account_id: account, ...body }).expect(400);
    const wrongOutcome = await post({ outcome: 'held' });
    expect(wrongOutcome.body.details).toEqual([{ field: 'outcome', errors: ['outcome must be one of connected, no_answer, left_voicemail, busy, wrong_number for a call'] }]);
    const noParent = await post({ account_id: undefined });
    expect(noParent.body.details).toEqual([{ field: 'account_id', errors: [expect.stringContaining('account_id, contact_id or deal_id is required')] }]);
    const bad = await post({ type: 'visit', duration_minutes: -1, occurred_at: 'yesterday', subject: '' });
    expect(fieldsOf(bad.body)).toEqual(['duration_minutes', 'occurred_at', 'subject', 'type']);
    expect(await count()).toBe(before);
    // A patch that changes the type must bring an outcome of the new type.
    const call = await createActivity(api.app, api.admin, { account_id: account }, sales.token);
    const patch = await http().patch(`/api/v1/activities/${call.id}`).set(as(sales.token)).send({ type: 'meeting' }).expect(400);
    expect(patch.body.details).toEqual([{ field: 'outcome', errors: [expect.stringContaining('outcome connected is not an outcome of a meeting')] }]);
    expect((await http().get(`/api/v1/activities/${call.id}`).set(as(sales.token)).expect(200)).body.type).toBe('call');
  });

  it('follows the notes parent rules: support neither logs nor sees activities on accounts and deals', async () => {
    const account = await createAccount(api.app, api.admin);
    const contact = await createContact(api.app, api.admin, { account_id: account });
    const onAccount = await createActivity(api.app, api.admin, { account_id: account, contact_id: contact });
    const onContact = await createActivity(api.app, api.admin, { contact_id: contact });
    await http().post('/api/v1/activities').set(as(support.token)).send({ type: 'call', subject: 'x', occurred_at: '2026-03-01T09:00:00.000Z', duration_minutes: 1, outcome: 'busy', account_id: account }).expect(404);
    await http().get(`/api/v1/activities/${onAccount.id}`).set(as(support.token)).expect(404);
    const seen = (await http().get(`/api/v1/activities?contact_id=${contact}`).set(as(support.token)).expect(200)).body.data.map((a: { id: string }) => a.id);
    expect(seen).toEqual([onContact.id]);
    const stranger = await signup(api.app, 'Stranger Activities');
    await http().post('/api/v1/activities').set(as(stranger.accessToken)).send({ type: 'call', subject: 'x', occurred_at: '2026-03-01T09:00:00.000Z', duration_minutes: 1, outcome: 'busy', contact_id: contact }).expect(404);
  });

  it('shows activities on account and contact timelines (once each) and filters by type and date', async () => {
    const account = await createAccount(api.app, api.admin);
    const contact = await createContact(api.app, api.admin, { account_id: account });
    const deal = await createDeal(api.app, api.admin, { account_id: account });
    const both = await createActivity(api.app, api.admin, { account_id: account, contact_id: contact, subject: 'Both', occurred_at: '2026-04-01T10:00:00.000Z' });
    const onDeal = await createActivity(api.app, api.admin, { deal_id: deal, type: 'meeting', outcome: 'held', subject: 'On deal', occurred_at: '2026-04-02T10:00:00.000Z' });
    const timeline = async (path: string, token = api.admin.accessToken) =>
      (await http().get(path).set(as(token)).expect(200)).body.data.filter((i: { type: string }) => i.type === 'activity');
    const accountItems = await timeline(`/api/v1/accounts/${account}/timeline`);
    expect(accountItems.map((i: { id: string }) => i.id)).toEqual([onDeal.id, both.id]);
    expect(accountItems[0]).toMatchObject({ summary: 'Meeting · On deal (held, 15 min)', data: { activity_type: 'meeting', outcome: 'held', deal_id: deal } });
    expect((await timeline(`/api/v1/contacts/${contact}/timeline`)).map((i: { id: string }) => i.id)).toEqual([both.id]);
    expect(await timeline(`/api/v1/contacts/${contact}/timeline`, support.token)).toEqual([]);
    const byType = await http().get(`/api/v1/activities?account_id=${account}&type=call`).set(as(api.admin.accessToken)).expect(200);
    expect(byType.body.data.map((a: { id: string }) => a.id)).toEqual([both.id]);
    const byDeal = await http().get(`/api/v1/activities?deal_id=${deal}&from=2026-04-02T00:00:00Z&to=2026-04-03T00:00:00Z`).set(as(api.admin.accessToken)).expect(200);
    expect(byDeal.body.data.map((a: { id: string }) => a.id)).toEqual([onDeal.id]);
  });

  it('counts activities per user, type and outcome with their minutes, as an independent sum says', async () => {
    const org = await signup(api.app, 'Report Activities');
    const rep = await userWithRole(api.app, org.accessToken, 'sales');
    const account = await createAccount(api.app, org);
    const owners = [org.userId, rep.id];
    const logged: Array<{ type: string; outcome: string; owner: string; minutes: number; at: string }> = [];
    const outcomes = { call: ['connected', 'no_answer', 'left_voicemail'], meeting: ['held', 'cancelled'] } as const;
    for (let i = 0; i < 11; i++) {
      const type = i % 3 === 0 ? 'meeting' : 'call';
      const outcome = outcomes[type][i % outcomes[type].length];
      const owner = owners[i % 2];
      const minutes = 5 + i * 7;
      const at = new Date(Date.UTC(2026, 4, 1 + i, 9)).toISOString();
      logged.push({ type, outcome, owner, minutes, at });
      await createActivity(api.app, org, { account_id: account, type, outcome, owner_id: owner, duration_minutes: minutes, occurred_at: at });
    }
    const from = '2026-05-03T00:00:00.000Z';
    const to = '2026-05-10T00:00:00.000Z';
    const inRange = logged.filter((l) => l.at >= from && l.at < to);
    for (const group of ['user', 'type', 'outcome'] as const) {
      const keyOf = (l: (typeof logged)[number]) => (group === 'user' ? l.owner : group === 'type' ? l.type : l.outcome);
      const expected = new Map<string, { count: number; minutes: number }>();
      for (const l of inRange) {
        const e = expected.get(keyOf(l)) ?? { count: 0, minutes: 0 };
        expected.set(keyOf(l), { count: e.count + 1, minutes: e.minutes + l.minutes });
      }
      const res = await http().get(`/api/v1/reports/activities?group_by=${group}&from=${from}&to=${to}`).set(as(org.accessToken)).expect(200);
      const got = Object.fromEntries(res.body.rows.map((r: { key: string; count: number; total_duration_minutes: number }) => [r.key, { count: r.count, minutes: r.total_duration_minutes }]));
      expect(got).toEqual(Object.fromEntries(expected));
      expect(res.body.total_count).toBe(inRange.length);
      expect(res.body.total_duration_minutes).toBe(inRange.reduce((s, l) => s + l.minutes, 0));
    }
    const bad = await http().get('/api/v1/reports/activities?group_by=planet').set(as(org.accessToken)).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['group_by']);
    await http().get('/api/v1/reports/activities?group_by=type').set(as(rep.token)).expect(403);
  });
});
