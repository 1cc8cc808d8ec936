import { randomUUID } from 'node:crypto';
import type { TimelineItemDto } from '@clockwork/shared-dto';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createTask } from '../support/domains/tasks.domain';
import { members, signup, type Member } from '../support/org-fixture';
import { insertAudit, insertContact, insertDeal, insertNote, insertStageChange } from '../support/records-sql';
import { pagedList } from '../support/paged-list';

type Item = TimelineItemDto;

// Contacts, deals, notes and stage changes are inserted with SQL (support/records-sql.ts), with
// chosen timestamps, so these tests do not depend on those modules' routes; accounts and tasks
// are made through the API.
describe('timelines', () => {
  const api = apiWithOrg('Timeline Org');
  let sales: Member, otherSales: Member, manager: Member, support: Member;
  const ids: Record<string, string> = {};
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Every item of a timeline, fetched `limit` at a time. */
  const collect = (path: string, token: string, limit = 2) => pagedList<Item>(() => api.app, path).all({ accessToken: token }, limit);

  beforeAll(async () => {
    ({ sales, otherSales, manager, support } = await members(api.app, api.admin.accessToken, { sales: 'sales', otherSales: 'sales', manager: 'manager', support: 'support' }));
    const org = api.admin.organizationId;

    ids.account = await createAccount(api.app, api.admin, { name: 'Initech' });
    await http().patch(`/api/v1/accounts/${ids.account}`).set(as(api.admin.accessToken)).send({ industry: 'Software' }).expect(200);
    ids.otherAccount = await createAccount(api.app, api.admin, { name: 'Globex' });
    ids.contact = await insertContact(api.app, org, { first_name: 'Peter', last_name: 'Gibbons', account_id: ids.account });
    ids.otherContact = await insertContact(api.app, org, { first_name: 'Hank', account_id: ids.otherAccount });
    ids.deal = await insertDeal(api.app, org, { name: 'TPS reports', account_id: ids.account });
    ids.otherDeal = await insertDeal(api.app, org, { name: 'Globex deal', account_id: ids.otherAccount });

    ids.accountNote = await insertNote(api.app, org, { parent_type: 'account', parent_id: ids.account, body: 'Kick-off call went well', at: '2024-01-01T10:00:00.000Z' });
    ids.privateNote = await insertNote(api.app, org, { parent_type: 'contact', parent_id: ids.contact, body: 'Peter is unhappy', is_private: true, author_id: sales.id, at: '2024-01-02T10:00:00.000Z' });
    ids.contactNote = await insertNote(api.app, org, { parent_type: 'contact', parent_id: ids.contact, body: 'Prefers email', at: '2024-01-03T10:00:00.000Z' });
    ids.dealNote = await insertNote(api.app, org, { parent_type: 'deal', parent_id: ids.deal, body: 'Budget approved', at: '2024-01-04T10:00:00.000Z' });
    // Two items of the same instant: the keyset's id tie-break keeps both, once each.
    ids.tieA = await insertNote(api.app, org, { parent_type: 'account', parent_id: ids.account, body: 'Same instant A', at: '2024-01-04T12:00:00.000Z' });
    ids.tieB = await insertStageChange(api.app, org, { deal_id: ids.deal, from_stage: 'prospecting', to_stage: 'qualification', at: '2024-01-04T12:00:00.000Z' });
    ids.stage1 = await insertStageChange(api.app, org, { deal_id: ids.deal, from_stage: null, to_stage: 'prospecting', at: '2024-01-01T09:00:00.000Z' });
    ids.stage2 = await insertStageChange(api.app, org, { deal_id: ids.deal, from_stage: 'prospecting', to_stage: 'proposal', at: '2024-01-05T10:00:00.000Z' });
    ids.contactAudit = await insertAudit(api.app, org, { object_type: 'contact', object_id: ids.contact, action: 'update', changes: { email: { from: null, to: 'p@initech.test' } }, at: '2024-01-06T10:00:00.000Z' });
    ids.task = await createTask(api.app, api.admin, { title: 'Send the cover sheet', deal_id: ids.deal });

    // None of these belong to the account or contact.
    await insertNote(api.app, org, { parent_type: 'account', parent_id: ids.otherAccount, body: 'elsewhere', at: '2024-01-07T10:00:00.000Z' });
    await insertNote(api.app, org, { parent_type: 'contact', parent_id: ids.otherContact, body: 'elsewhere', at: '2024-01-07T10:00:00.000Z' });
    await insertNote(api.app, org, { parent_type: 'deal', parent_id: ids.otherDeal, body: 'elsewhere', at: '2024-01-07T10:00:00.000Z' });
    await insertStageChange(api.app, org, { deal_id: ids.otherDeal, from_stage: null, to_stage: 'won', at: '2024-01-07T10:00:00.000Z' });
    await createTask(api.app, api.admin, { title: 'elsewhere', deal_id: ids.otherDeal });
    await createTask(api.app, api.admin, { title: 'no deal' });
  });

  const newestFirst = (items: Item[]) =>
    [...items].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).map((i) => i.id);

  it("shows an account's notes (its own, its contacts', its deals'), its deals' tasks and stage changes and its audit entries, newest first", async () => {
    const items = await collect(`/api/v1/accounts/${ids.account}/timeline`, api.admin.accessToken);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(items.length).toBe(byId.size); // no item twice across pages
    expect(items.map((i) => i.id)).toEqual(newestFirst(items));
    const audits = items.filter((i) => i.type === 'audit');
    expect(audits.map((a) => a.data.action).sort()).toEqual(['create', 'update']);
    expect(audits.every((a) => a.data.object_id === ids.account)).toBe(true);
    expect(audits.find((a) => a.data.action === 'update')?.summary).toBe('Account update: industry');
    expect(
      items
        .filter((i) => i.type !== 'audit')
        .map((i) => `${i.type}:${i.id}`)
        .sort(),
    ).toEqual(
      [
        `task:${ids.task}`,
        `deal_stage:${ids.stage2}`,
        `note:${ids.dealNote}`,
        `note:${ids.contactNote}`,
        `note:${ids.privateNote}`,
        `note:${ids.accountNote}`,
        `deal_stage:${ids.stage1}`,
        `note:${ids.tieA}`,
        `deal_stage:${ids.tieB}`,
      ].sort(),
    );
    expect(byId.get(ids.stage2)).toMatchObject({
      at: '2024-01-05T10:00:00.000Z',
      summary: 'TPS reports: prospecting → proposal',
      data: { deal_id: ids.deal, deal_name: 'TPS reports', from_stage: 'prospecting', to_stage: 'proposal' },
    });
    expect(byId.get(ids.task)).toMatchObject({ summary: 'Send the cover sheet', data: { deal_id: ids.deal, status: 'todo', due_date: null } });
    expect(byId.get(ids.contactNote)).toMatchObject({ at: '2024-01-03T10:00:00.000Z', summary: 'Prefers email', data: { parent_type: 'contact', parent_id: ids.contact, is_private: false } });
    // Newest first: the task and audit entries (made now) lead, the oldest stage change is last.
    expect(items[items.length - 1].id).toBe(ids.stage1);

    // The same items whatever the page size.
    for (const limit of [1, 200]) expect((await collect(`/api/v1/accounts/${ids.account}/timeline`, api.admin.accessToken, limit)).map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it("shows a contact's notes and audit entries and its account's deals' stage changes", async () => {
    const items = await collect(`/api/v1/contacts/${ids.contact}/timeline`, api.admin.accessToken);
    expect(items.map((i) => `${i.type}:${i.id}`)).toEqual([
      `audit:${ids.contactAudit}`,
      `deal_stage:${ids.stage2}`,
      `deal_stage:${ids.tieB}`,
      `note:${ids.contactNote}`,
      `note:${ids.privateNote}`,
      `deal_stage:${ids.stage1}`,
    ]);
    expect(items[0]).toMatchObject({ summary: 'Contact update: email', data: { action: 'update', changes: { email: { from: null, to: 'p@initech.test' } } } });
  });

  it('shows private notes to their author and admins only', async () => {
    const notes = async (token: string) => (await collect(`/api/v1/contacts/${ids.contact}/timeline`, token)).filter((i) => i.type === 'note').map((i) => i.id);
    expect(await notes(api.admin.accessToken)).toContain(ids.privateNote);
    expect(await notes(sales.token)).toContain(ids.privateNote);
    expect(await notes(otherSales.token)).toEqual([ids.contactNote]);
    expect(await notes(manager.token)).toEqual([ids.contactNote]);
    const accountItems = await collect(`/api/v1/accounts/${ids.account}/timeline`, manager.token);
    expect(accountItems.map((i) => i.id)).not.toContain(ids.privateNote);
    expect(accountItems.map((i) => i.id)).toContain(ids.contactNote);
  });

  it('shows support no deal items on a contact timeline', async () => {
    const items = await collect(`/api/v1/contacts/${ids.contact}/timeline`, support.token);
    expect(items.map((i) => i.type).sort()).toEqual(['audit', 'note']);
    await http().get(`/api/v1/accounts/${ids.account}/timeline`).set(as(support.token)).expect(403);
  });

  it("answers 404 for another organization's or an unknown record, and 400 for a forged cursor", async () => {
    const stranger = await signup(api.app, 'Timeline Stranger');
    const foreignAccount = await createAccount(api.app, stranger, { name: 'Secret Co' });
    const foreignContact = await insertContact(api.app, stranger.organizationId, { first_name: 'Secret' });
    await insertNote(api.app, stranger.organizationId, { parent_type: 'account', parent_id: foreignAccount, body: 'secret', at: '2024-01-01T00:00:00.000Z' });
    for (const path of [`/api/v1/accounts/${foreignAccount}/timeline`, `/api/v1/contacts/${foreignContact}/timeline`, `/api/v1/accounts/${randomUUID()}/timeline`]) {
      const res = await http().get(path).set(as(api.admin.accessToken)).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('secret');
    }
    // Another organization's items never show on ours either.
    const ours = await collect(`/api/v1/accounts/${ids.account}/timeline`, api.admin.accessToken, 200);
    expect(ours.map((i) => i.summary)).not.toContain('secret');
    const bad = await http().get(`/api/v1/accounts/${ids.account}/timeline?cursor=nonsense`).set(as(api.admin.accessToken)).expect(400);
    expect(bad.body.details[0].field).toBe('cursor');
    await http().get(`/api/v1/accounts/${ids.account}/timeline?sort=at:asc`).set(as(api.admin.accessToken)).expect(400);
  });
});
