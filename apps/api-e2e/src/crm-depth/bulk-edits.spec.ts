import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createContact } from '../support/domains/contacts.domain';
import { createCustomField } from '../support/domains/custom-fields.domain';
import { createTask } from '../support/domains/tasks.domain';
import { insertContact, insertDeal } from '../support/records-sql';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { apiWithOrg } from '../support/api-with-org';

describe('bulk edits', () => {
  const api = apiWithOrg('Bulk Org');
  let sales: { id: string; token: string };
  let support: { id: string; token: string };
  let other: SignedUp;
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const bulk = (token: string, body: object) => http().post('/api/v1/bulk-edits').set(as(token)).send(body);
  /** Everything a bulk edit writes, counted in PostgreSQL: audit rows, outbox events and record versions. */
  const written = async (org = api.admin.organizationId) => {
    const [row] = await api.db.query(
      `SELECT (SELECT count(*) FROM audit_logs WHERE organization_id = $1)::int AS audit,
              (SELECT count(*) FROM outbox_events WHERE organization_id = $1)::int AS events,
              (SELECT coalesce(sum(version), 0) FROM contacts WHERE organization_id = $1)::int
                + (SELECT coalesce(sum(version), 0) FROM deals WHERE organization_id = $1)::int
                + (SELECT coalesce(sum(version), 0) FROM tasks WHERE organization_id = $1)::int
                + (SELECT coalesce(sum(version), 0) FROM accounts WHERE organization_id = $1)::int AS versions,
              (SELECT count(*) FROM bulk_edits WHERE organization_id = $1)::int AS edits`,
      [org],
    );
    return row as { audit: number; events: number; versions: number; edits: number };
  };
  const ownersOf = async (table: string, ids: string[]) =>
    (await api.db.query(`SELECT owner_id FROM ${table} WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`, [api.admin.organizationId, ids])).map((r: { owner_id: string | null }) => r.owner_id);

  beforeAll(async () => {
    sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    support = await userWithRole(api.app, api.admin.accessToken, 'support');
    other = await signup(api.app, 'Other Bulk Org');
  });

  it('changes the owner of named contacts, with one audit row and one contact.updated event per contact', async () => {
    const ids = [await createContact(api.app, api.admin), await createContact(api.app, api.admin), await createContact(api.app, api.admin)];
    const before = await written();
    const res = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { ids }, patch: { owner_id: sales.id } }).expect(200);
    expect(res.body).toMatchObject({ kind: 'contacts', status: 'completed', total: ids.length, done: ids.length, error: null, finished_at: expect.any(String) });
    expect(await ownersOf('contacts', ids)).toEqual(ids.map(() => sales.id));
    const audit = await api.db.query(`SELECT object_id, actor_id, action, changes FROM audit_logs WHERE organization_id = $1 AND object_id = ANY($2::uuid[]) AND action = 'update'`, [api.admin.organizationId, ids]);
    expect(audit.map((a: { object_id: string }) => a.object_id).sort()).toEqual([...ids].sort());
    for (const a of audit) expect(a).toMatchObject({ actor_id: api.admin.userId, changes: { owner_id: { from: api.admin.userId, to: sales.id } } });
    const events = await api.db.query(`SELECT aggregate_id, type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = ANY($2::uuid[]) AND type = 'contact.updated'`, [api.admin.organizationId, ids]);
    expect(events).toHaveLength(ids.length);
    expect(await written()).toEqual({ audit: before.audit + ids.length, events: before.events + ids.length, versions: before.versions + ids.length, edits: before.edits + 1 });
  });

  it('changes every contact a list filter matches (the list route gives the same set)', async () => {
    const manager = await userWithRole(api.app, api.admin.accessToken, 'manager');
    const mine = [];
    for (let i = 0; i < 7; i++) mine.push(await insertContact(api.app, api.admin.organizationId, { first_name: `Filtered ${i}` }));
    await api.db.query(`UPDATE contacts SET owner_id = $2 WHERE organization_id = $1 AND id = ANY($3::uuid[])`, [api.admin.organizationId, manager.id, mine]);
    const untouched = await createContact(api.app, api.admin);
    const [{ expected }] = await api.db.query(`SELECT count(*)::int AS expected FROM contacts WHERE organization_id = $1 AND owner_id = $2`, [api.admin.organizationId, manager.id]);
    const before = await written();
    const res = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { filter: { owner_id: manager.id } }, patch: { owner_id: sales.id, add_tags: ['moved'] } }).expect(200);
    expect(res.body).toMatchObject({ status: 'completed', total: expected, done: expected, error: null, patch: { owner_id: sales.id, add_tags: ['moved'] } });
    const [{ moved }] = await api.db.query(`SELECT count(*)::int AS moved FROM contacts WHERE organization_id = $1 AND owner_id = $2 AND 'moved' = ANY(tags) AND id = ANY($3::uuid[])`, [api.admin.organizationId, sales.id, mine]);
    expect(moved).toBe(expected);
    expect(await ownersOf('contacts', [untouched])).toEqual([api.admin.userId]);
    expect(await written()).toEqual({ audit: before.audit + expected, events: before.events + expected, versions: before.versions + expected, edits: before.edits + 1 });
    const shown = await http().get(`/api/v1/bulk-edits/${res.body.id}`).set(as(api.admin.accessToken)).expect(200);
    expect(shown.body).toEqual(res.body);
    await http().get(`/api/v1/bulk-edits/${res.body.id}`).set(as(other.accessToken)).expect(404);
  });

  it('adds and removes contact tags, keeping the others', async () => {
    const a = await createContact(api.app, api.admin, { tags: ['vip', 'old'] });
    const b = await createContact(api.app, api.admin, { tags: ['newsletter'] });
    await bulk(api.admin.accessToken, { kind: 'contacts', selection: { ids: [a, b] }, patch: { add_tags: [' renewal ', 'vip'], remove_tags: ['old'] } }).expect(200);
    const tags = await api.db.query(`SELECT id, tags FROM contacts WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [api.admin.organizationId, [a, b]]);
    expect(Object.fromEntries(tags.map((t: { id: string; tags: string[] }) => [t.id, t.tags]))).toEqual({ [a]: ['vip', 'renewal'], [b]: ['newsletter', 'renewal', 'vip'] });
  });

  it("moves deals' stage with the deals' own rules: stage history, deal.stage_changed and deal.closed on won", async () => {
    const ids = [await insertDeal(api.app, api.admin.organizationId, { name: 'One' }), await insertDeal(api.app, api.admin.organizationId, { name: 'Two', stage: 'proposal' })];
    await bulk(api.admin.accessToken, { kind: 'deals', selection: { ids }, patch: { stage: 'won' } }).expect(200);
    const deals = await api.db.query(`SELECT stage, closed_at FROM deals WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [api.admin.organizationId, ids]);
    for (const d of deals) expect(d.stage).toBe('won');
    for (const d of deals) expect(d.closed_at).not.toBeNull();
    const history = await api.db.query(`SELECT count(*)::int AS n FROM deal_stage_history WHERE organization_id = $1 AND deal_id = ANY($2::uuid[]) AND to_stage = 'won'`, [api.admin.organizationId, ids]);
    expect(history[0].n).toBe(ids.length);
    const events = await api.db.query(`SELECT type, count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND aggregate_id = ANY($2::uuid[]) GROUP BY type ORDER BY type`, [api.admin.organizationId, ids]);
    expect(events).toEqual([
      { type: 'deal.closed', n: ids.length },
      { type: 'deal.stage_changed', n: ids.length },
      { type: 'deal.updated', n: ids.length },
    ]);
  });

  it('sets the status, priority and assignee of tasks (completed_at follows the status)', async () => {
    const ids = [await createTask(api.app, api.admin), await createTask(api.app, api.admin)];
    await bulk(api.admin.accessToken, { kind: 'tasks', selection: { ids }, patch: { status: 'done', priority: 'urgent', owner_id: support.id } }).expect(200);
    const tasks = await api.db.query(`SELECT status, priority, assigned_to, completed_at FROM tasks WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [api.admin.organizationId, ids]);
    for (const t of tasks) expect(t).toMatchObject({ status: 'done', priority: 'urgent', assigned_to: support.id, completed_at: expect.any(Date) });
  });

  it.each([
    ['a field the kind does not have', { kind: 'contacts', patch: { stage: 'won' } }, 'patch.stage'],
    ['an empty patch', { kind: 'contacts', patch: {} }, 'patch'],
    ['a bad stage', { kind: 'deals', patch: { stage: 'done' } }, 'patch.stage'],
    ['a bad owner id', { kind: 'contacts', patch: { owner_id: 'me' } }, 'patch.owner_id'],
    ['an unknown kind', { kind: 'planets', patch: { owner_id: null } }, 'kind'],
    ['an unknown patch field', { kind: 'contacts', patch: { first_name: 'X' } }, 'patch.first_name'],
    ['a tag both added and removed', { kind: 'contacts', patch: { add_tags: ['a'], remove_tags: ['a'] } }, 'patch.remove_tags'],
    ['too long a tag', { kind: 'contacts', patch: { add_tags: ['x'.repeat(51)] } }, 'patch.add_tags'],
  ])('answers %s with a 400 naming the field and writes nothing', async (_, body, field) => {
    const id = await createContact(api.app, api.admin);
    const before = await written();
    const res = await bulk(api.admin.accessToken, { selection: { ids: [id] }, ...body }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await written()).toEqual(before);
  });

  it.each([
    ['no selection', {}, 'selection'],
    ['ids that are not UUIDs', { selection: { ids: ['x'] } }, 'selection.ids'],
    ['an empty id list', { selection: { ids: [] } }, 'selection.ids'],
    ['too many ids', { selection: { ids: Array.from({ length: 10_001 }, () => randomUUID()) } }, 'selection.ids'],
    ['a filter key the list does not have', { selection: { filter: { stage: 'won' } } }, 'selection.filter.stage'],
    ['a bad filter value', { selection: { filter: { owner_id: 'nobody' } } }, 'selection.filter.owner_id'],
    ['a filter that matches nothing', { selection: { filter: { q: 'no such person anywhere zzzz' } } }, 'selection.filter'],
  ])('answers a selection with %s with a 400 naming the field and writes nothing', async (_, body, field) => {
    const before = await written();
    const res = await bulk(api.admin.accessToken, { kind: 'contacts', patch: { owner_id: null }, ...body }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await written()).toEqual(before);
  });

  it("refuses the whole edit with a 404 naming ids that are not the organization's (another organization's included), writing nothing", async () => {
    const mine = await createContact(api.app, api.admin);
    const theirs = await createContact(api.app, other);
    const before = await written();
    const res = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { ids: [mine, theirs] }, patch: { owner_id: null } }).expect(404);
    expect(res.body.details).toEqual([{ field: 'selection.ids', errors: [expect.stringContaining(theirs)] }]);
    expect(await written()).toEqual(before);
  });

  it('refuses a contact whose new tags would pass the limit with a 400, writing nothing', async () => {
    const full = await createContact(api.app, api.admin, { tags: Array.from({ length: 50 }, (_, i) => `t${i}`) });
    const before = await written();
    const res = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { ids: [full] }, patch: { add_tags: ['one-more'] } }).expect(400);
    expect(res.body.details).toEqual([{ field: 'patch.add_tags', errors: [expect.stringContaining(full)] }]);
    expect(await written()).toEqual(before);
  });

  it('answers an owner of another organization with a 422 and writes nothing', async () => {
    const id = await createContact(api.app, api.admin);
    const before = await written();
    await bulk(api.admin.accessToken, { kind: 'contacts', selection: { ids: [id] }, patch: { owner_id: other.userId } }).expect(422);
    expect(await written()).toEqual(before);
  });

  it("lets sales change their own records, and refuses the whole edit (403, nothing written) when one is someone else's", async () => {
    const own = await createContact(api.app, api.admin, { owner_id: sales.id });
    const notOwn = await createContact(api.app, api.admin);
    await bulk(sales.token, { kind: 'contacts', selection: { ids: [own] }, patch: { add_tags: ['mine'] } }).expect(200);
    const before = await written();
    const res = await bulk(sales.token, { kind: 'contacts', selection: { ids: [own, notOwn] }, patch: { owner_id: sales.id } }).expect(403);
    expect(res.body.message).toContain(notOwn);
    expect(res.body.message).not.toContain(own);
    expect(await written()).toEqual(before);
    expect(await ownersOf('contacts', [notOwn])).toEqual([api.admin.userId]);
  });

  it('refuses a kind the role may not change (support and deals) with a 403', async () => {
    const deal = await insertDeal(api.app, api.admin.organizationId, { name: 'Support cannot' });
    const before = await written();
    await bulk(support.token, { kind: 'deals', selection: { ids: [deal] }, patch: { stage: 'lost' } }).expect(403);
    expect(await written()).toEqual(before);
  });

  it('sets custom fields of the contacts a cf.<key> filter matches; a bad value is a 400 naming the field, nothing written', async () => {
    await createCustomField(api.app, api.admin, { record_type: 'contact', key: 'segment', label: 'Segment', type: 'single_select', options: ['smb', 'enterprise'] });
    await createCustomField(api.app, api.admin, { record_type: 'contact', key: 'score', label: 'Score', type: 'number' });
    const smb = [await createContact(api.app, api.admin, { custom_fields: { segment: 'smb', score: 1 } }), await createContact(api.app, api.admin, { custom_fields: { segment: 'smb' } })];
    const enterprise = await createContact(api.app, api.admin, { custom_fields: { segment: 'enterprise', score: 5 } });
    const listed = (await http().get('/api/v1/contacts?cf.segment=smb&limit=200').set(as(api.admin.accessToken)).expect(200)).body.data.map((c: { id: string }) => c.id).sort();
    expect(listed).toEqual([...smb].sort());

    const before = await written();
    const refused = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { filter: { 'cf.segment': 'smb' } }, patch: { custom_fields: { score: 'high' } } }).expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['custom_fields.score']);
    const unknown = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { filter: { 'cf.segment': 'gold' } }, patch: { owner_id: sales.id } }).expect(400);
    expect(unknown.body.details.map((d: { field: string }) => d.field)).toEqual(['cf.segment']);
    await bulk(api.admin.accessToken, { kind: 'contacts', selection: { ids: smb }, patch: { custom_fields: {} } }).expect(400);
    expect(await written()).toEqual(before);

    const res = await bulk(api.admin.accessToken, { kind: 'contacts', selection: { filter: { 'cf.segment': 'smb' } }, patch: { custom_fields: { score: 9 }, owner_id: sales.id } }).expect(200);
    expect(res.body).toMatchObject({ status: 'completed', total: listed.length });
    const stored = await api.db.query(`SELECT id, owner_id, custom_fields FROM contacts WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`, [api.admin.organizationId, [...smb, enterprise]]);
    const byId = Object.fromEntries(stored.map((r: { id: string }) => [r.id, r]));
    for (const id of smb) expect(byId[id]).toMatchObject({ owner_id: sales.id, custom_fields: { segment: 'smb', score: 9 } });
    expect(byId[enterprise]).toMatchObject({ owner_id: api.admin.userId, custom_fields: { segment: 'enterprise', score: 5 } });
  });
});
