import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createNote } from '../support/domains/notes.domain';
import { apiKeyWithRole, members, signup, type Member } from '../support/org-fixture';
import { pagedList } from '../support/paged-list';
import { insertParent } from '../support/parent-records';

describe('notes', () => {
  const api = apiWithOrg('Notes Org');
  let manager: Member, sales: Member, otherSales: Member, support: Member;
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const listOf = async (token: string, parentType: string, parentId: string) =>
    (await http().get(`/api/v1/notes?parent_type=${parentType}&parent_id=${parentId}`).set(as(token)).expect(200)).body.data.map((n: { body: string }) => n.body);

  beforeAll(async () => {
    ({ manager, sales, otherSales, support } = await members(api.app, api.admin.accessToken, { manager: 'manager', sales: 'sales', otherSales: 'sales', support: 'support' }));
  });

  it('creates, reads, lists, patches and deletes a note', async () => {
    const account = await createAccount(api.app, api.admin);
    const created = await http().post('/api/v1/notes').set(as(sales.token)).send({ parent_type: 'account', parent_id: account, body: '  Kick-off call\nwent well  ' }).expect(201);
    expect(created.body).toMatchObject({ parent_type: 'account', parent_id: account, body: '  Kick-off call\nwent well  ', is_private: false, author_id: sales.id });
    const id = created.body.id;

    expect((await http().get(`/api/v1/notes/${id}`).set(as(support.token)).expect(404)).body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const got = await http().get(`/api/v1/notes/${id}`).set(as(otherSales.token)).expect(200);
    expect(got.body).toEqual(created.body);

    const patched = await http().patch(`/api/v1/notes/${id}`).set(as(sales.token)).send({ body: 'Kick-off call went very well' }).expect(200);
    expect(patched.body).toMatchObject({ id, body: 'Kick-off call went very well', author_id: sales.id, is_private: false });
    expect(await listOf(api.admin.accessToken, 'account', account)).toEqual(['Kick-off call went very well']);

    await http().delete(`/api/v1/notes/${id}`).set(as(sales.token)).expect(204);
    await http().get(`/api/v1/notes/${id}`).set(as(sales.token)).expect(404);
    expect(await listOf(api.admin.accessToken, 'account', account)).toEqual([]);
  });

  it('lists the notes of one record newest first, page by page, and exports them as CSV', async () => {
    const account = await createAccount(api.app, api.admin);
    const elsewhere = await createAccount(api.app, api.admin);
    for (const body of ['one', 'two', 'three', 'four', 'five']) await createNote(api.app, api.admin, { parent_type: 'account', parent_id: account, body });
    await createNote(api.app, api.admin, { parent_type: 'account', parent_id: elsewhere, body: 'other record' });
    const seen = (await pagedList<{ body: string }>(() => api.app, '/api/v1/notes').all(api.admin, 2, { parent_type: 'account', parent_id: account })).map((n) => n.body);
    expect(seen).toEqual(['five', 'four', 'three', 'two', 'one']);
    const asc = await http().get(`/api/v1/notes?parent_type=account&parent_id=${account}&sort=created_at:asc`).set(as(api.admin.accessToken)).expect(200);
    expect(asc.body.data.map((n: { body: string }) => n.body)).toEqual(['one', 'two', 'three', 'four', 'five']);
    await http().get(`/api/v1/notes?parent_type=account&parent_id=${account}&sort=body:asc`).set(as(api.admin.accessToken)).expect(400);
    const csv = await http().get(`/api/v1/notes?parent_type=account&parent_id=${account}&format=csv`).set(as(api.admin.accessToken)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('id,parent_type,parent_id,body,is_private,author_id,created_at,updated_at');
    expect(csv.text).toContain('five');
    expect(csv.text).not.toContain('other record');
  });

  it('answers 400 naming each bad field', async () => {
    const account = await createAccount(api.app, api.admin);
    const list = await http().get('/api/v1/notes').set(as(api.admin.accessToken)).expect(400);
    expect(list.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['parent_id', 'parent_type']);
    const bad = await http().get('/api/v1/notes?parent_type=invoice&parent_id=42').set(as(api.admin.accessToken)).expect(400);
    expect(bad.body.message).toMatch(/parent_type must be one of account, contact, deal, task; parent_id must be a UUID/);
    const post = await http().post('/api/v1/notes').set(as(api.admin.accessToken)).send({ parent_type: 'account', parent_id: account, body: '   ', is_private: 'yes' }).expect(400);
    expect(post.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'is_private']);
    const long = await http().post('/api/v1/notes').set(as(api.admin.accessToken)).send({ parent_type: 'account', parent_id: account, body: 'x'.repeat(20001) }).expect(400);
    expect(long.body.details).toEqual([{ field: 'body', errors: ['body must be at most 20000 characters'] }]);
    await http().post('/api/v1/notes').set(as(api.admin.accessToken)).send({ parent_type: 'account', parent_id: account, body: 'x'.repeat(20000) }).expect(201);
    const id = (await createNote(api.app, api.admin, { parent_type: 'account', parent_id: account })).id;
    const patch = await http().patch(`/api/v1/notes/${id}`).set(as(api.admin.accessToken)).send({ body: null, parent_id: account }).expect(400);
    expect(patch.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'parent_id']);
  });

  it('shows a private note only to its author and admins', async () => {
    const account = await createAccount(api.app, api.admin);
    const secret = await createNote(api.app, api.admin, { parent_type: 'account', parent_id: account, body: 'Their budget is 90k', is_private: true }, sales.token);
    await createNote(api.app, api.admin, { parent_type: 'account', parent_id: account, body: 'Public remark' }, manager.token);
    expect(secret).toMatchObject({ is_private: true, author_id: sales.id });

    expect(await listOf(sales.token, 'account', account)).toEqual(['Public remark', 'Their budget is 90k']);
    expect(await listOf(api.admin.accessToken, 'account', account)).toEqual(['Public remark', 'Their budget is 90k']);
    expect(await listOf(manager.token, 'account', account)).toEqual(['Public remark']);
    expect(await listOf(otherSales.token, 'account', account)).toEqual(['Public remark']);
    const managerKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'manager');
    expect(await listOf(managerKey.key, 'account', account)).toEqual(['Public remark']);

    await http().get(`/api/v1/notes/${secret.id}`).set(as(sales.token)).expect(200);
    await http().get(`/api/v1/notes/${secret.id}`).set(as(api.admin.accessToken)).expect(200);
    for (const token of [manager.token, otherSales.token, managerKey.key]) {
      const res = await http().get(`/api/v1/notes/${secret.id}`).set(as(token)).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('90k');
      await http().patch(`/api/v1/notes/${secret.id}`).set(as(token)).send({ body: 'overwritten' }).expect(404);
      await http().delete(`/api/v1/notes/${secret.id}`).set(as(token)).expect(404);
    }

    // The audit log, which managers read, does not carry the private text.
    const audit = await http().get(`/api/v1/audit-logs?object_id=${secret.id}`).set(as(manager.token)).expect(200);
    expect(audit.body.data).toHaveLength(1);
    expect(JSON.stringify(audit.body)).not.toContain('90k');

    // Made public by its author, everyone who may read the account sees it.
    await http().patch(`/api/v1/notes/${secret.id}`).set(as(sales.token)).send({ is_private: false }).expect(200);
    expect(await listOf(manager.token, 'account', account)).toEqual(['Public remark', 'Their budget is 90k']);
  });

  it('lets the author, admins and managers change or delete a note; others get 403', async () => {
    const contact = await insertParent(api.db, api.admin.organizationId, 'contact');
    const note = await createNote(api.app, api.admin, { parent_type: 'contact', parent_id: contact, body: 'Prefers email' }, sales.token);
    for (const token of [otherSales.token, support.token]) {
      const res = await http().patch(`/api/v1/notes/${note.id}`).set(as(token)).send({ body: 'Prefers phone' }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: 'Only the author of this note, admins and managers may change or delete it' });
      await http().delete(`/api/v1/notes/${note.id}`).set(as(token)).expect(403);
    }
    const salesKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'sales');
    await http().delete(`/api/v1/notes/${note.id}`).set(as(salesKey.key)).expect(403);
    await http().patch(`/api/v1/notes/${note.id}`).set(as(manager.token)).send({ body: 'Prefers phone' }).expect(200);
    await http().patch(`/api/v1/notes/${note.id}`).set(as(api.admin.accessToken)).send({ body: 'Prefers SMS' }).expect(200);
    expect((await http().get(`/api/v1/notes/${note.id}`).set(as(support.token)).expect(200)).body).toMatchObject({ body: 'Prefers SMS', author_id: sales.id });
    await http().delete(`/api/v1/notes/${note.id}`).set(as(manager.token)).expect(204);

    // Support may write on contacts and tasks, and change its own notes there.
    const task = await insertParent(api.db, api.admin.organizationId, 'task');
    const own = await createNote(api.app, api.admin, { parent_type: 'task', parent_id: task, body: 'Waiting on customer' }, support.token);
    await http().patch(`/api/v1/notes/${own.id}`).set(as(support.token)).send({ body: 'Customer replied' }).expect(200);
    await http().delete(`/api/v1/notes/${own.id}`).set(as(support.token)).expect(204);
  });

  it('follows the parent: support may not see or add notes on deals or accounts (404)', async () => {
    const deal = await insertParent(api.db, api.admin.organizationId, 'deal');
    const account = await createAccount(api.app, api.admin);
    const onDeal = await createNote(api.app, api.admin, { parent_type: 'deal', parent_id: deal, body: 'Discount agreed' });
    await createNote(api.app, api.admin, { parent_type: 'account', parent_id: account, body: 'Key account' });
    const refused = await http().post('/api/v1/notes').set(as(support.token)).send({ parent_type: 'deal', parent_id: deal, body: 'x' }).expect(404);
    expect(refused.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: 'Deal not found' });
    await http().post('/api/v1/notes').set(as(support.token)).send({ parent_type: 'account', parent_id: account, body: 'x' }).expect(404);
    await http().get(`/api/v1/notes?parent_type=deal&parent_id=${deal}`).set(as(support.token)).expect(404);
    await http().get(`/api/v1/notes?parent_type=account&parent_id=${account}`).set(as(support.token)).expect(404);
    const supportKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'support');
    await http().get(`/api/v1/notes/${onDeal.id}`).set(as(supportKey.key)).expect(404);
    await http().delete(`/api/v1/notes/${onDeal.id}`).set(as(support.token)).expect(404);
    expect(await listOf(sales.token, 'deal', deal)).toEqual(['Discount agreed']);
    // A parent that does not exist, or exists under another type, is 404 too.
    await http().post('/api/v1/notes').set(as(api.admin.accessToken)).send({ parent_type: 'contact', parent_id: account, body: 'x' }).expect(404);
    await http().post('/api/v1/notes').set(as(api.admin.accessToken)).send({ parent_type: 'task', parent_id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', body: 'x' }).expect(404);
  });

  it("answers 404 for another organization's parent or note and writes nothing", async () => {
    const stranger = await signup(api.app, 'Stranger Notes Org');
    const theirAccount = await createAccount(api.app, stranger);
    const theirNote = await createNote(api.app, stranger, { parent_type: 'account', parent_id: theirAccount, body: 'Stranger secret' });
    const before = await api.db.query(`SELECT count(*)::int AS n FROM notes WHERE organization_id = $1`, [api.admin.organizationId]);
    const res = await http().post('/api/v1/notes').set(as(api.admin.accessToken)).send({ parent_type: 'account', parent_id: theirAccount, body: 'Intrusion' }).expect(404);
    expect(JSON.stringify(res.body)).not.toContain(stranger.organizationId);
    await http().get(`/api/v1/notes?parent_type=account&parent_id=${theirAccount}`).set(as(api.admin.accessToken)).expect(404);
    for (const method of ['get', 'patch', 'delete'] as const) {
      const r = await http()[method](`/api/v1/notes/${theirNote.id}`).set(as(api.admin.accessToken)).send(method === 'patch' ? { body: 'Hijacked' } : undefined);
      expect(r.status).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('Stranger secret');
    }
    const after = await api.db.query(`SELECT count(*)::int AS n FROM notes WHERE organization_id = $1`, [api.admin.organizationId]);
    expect(after[0].n).toBe(before[0].n);
    expect((await http().get(`/api/v1/notes/${theirNote.id}`).set(as(stranger.accessToken)).expect(200)).body.body).toBe('Stranger secret');
  });

  it('credits notes written with an API key to nobody, and deletes them with their parent', async () => {
    const key = await apiKeyWithRole(api.app, api.admin.accessToken, 'sales');
    const account = await createAccount(api.app, api.admin);
    const note = await createNote(api.app, api.admin, { parent_type: 'account', parent_id: account, body: 'From the integration' }, key.key);
    expect(note.author_id).toBeNull();
    await http().delete(`/api/v1/accounts/${account}`).set(as(api.admin.accessToken)).expect(204);
    await http().get(`/api/v1/notes/${note.id}`).set(as(api.admin.accessToken)).expect(404);
  });
});
