import { NotificationWriter } from '@clockwork/server-notifications';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createNotification } from '../support/domains/notifications.domain';
import { apiKeyWithRole, signup, userWithRole } from '../support/org-fixture';

/**
 * `/notifications`: each user reads and marks read only their own; another user's or another
 * organization's is a 404; API keys have none. Marking read writes no audit row.
 */
describe('notification routes', () => {
  const api = apiWithOrg('Notified Org');
  let sales: { id: string; token: string };
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const auditRows = async (organizationId: string) => (await api.db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [organizationId]))[0].n as number;

  beforeAll(async () => {
    sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
  });

  it("lists only the caller's own, newest first, in cursor pages, filtered by ?unread", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createNotification(api.app, api.admin, sales.id, { title: `For sales ${i}` }));
    await createNotification(api.app, api.admin, api.admin.userId, { title: 'For the admin' });

    const first = await http().get('/api/v1/notifications?limit=2').set(as(sales.token)).expect(200);
    expect(first.body.data.map((n: { title: string }) => n.title)).toEqual(['For sales 4', 'For sales 3']);
    expect(first.body.data[0]).toEqual({
      id: ids[4],
      kind: 'test.note',
      title: 'For sales 4',
      body: 'Details',
      link: '/accounts',
      data: {},
      read_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const rest = await http().get(`/api/v1/notifications?limit=10&cursor=${first.body.next_cursor}`).set(as(sales.token)).expect(200);
    expect(rest.body.data.map((n: { title: string }) => n.title)).toEqual(['For sales 2', 'For sales 1', 'For sales 0']);
    expect(rest.body.next_cursor).toBeNull();

    expect((await http().get('/api/v1/notifications/unread-count').set(as(sales.token)).expect(200)).body).toEqual({ unread: 5 });
    const read = await http().post(`/api/v1/notifications/${ids[1]}/read`).set(as(sales.token)).expect(200);
    expect(read.body).toMatchObject({ id: ids[1], read_at: expect.any(String) });
    const again = await http().post(`/api/v1/notifications/${ids[1]}/read`).set(as(sales.token)).expect(200);
    expect(again.body.read_at).toBe(read.body.read_at);

    const unread = await http().get('/api/v1/notifications?unread=true').set(as(sales.token)).expect(200);
    expect(unread.body.data.map((n: { id: string }) => n.id)).toEqual([ids[4], ids[3], ids[2], ids[0]]);
    const readOnly = await http().get('/api/v1/notifications?unread=false').set(as(sales.token)).expect(200);
    expect(readOnly.body.data.map((n: { id: string }) => n.id)).toEqual([ids[1]]);
    expect((await http().get('/api/v1/notifications/unread-count').set(as(sales.token)).expect(200)).body).toEqual({ unread: 4 });

    expect((await http().post('/api/v1/notifications/read-all').set(as(sales.token)).expect(200)).body).toEqual({ updated: 4 });
    expect((await http().get('/api/v1/notifications/unread-count').set(as(sales.token)).expect(200)).body).toEqual({ unread: 0 });
    // The admin's own notification was not touched by the sales user's read-all.
    expect((await http().get('/api/v1/notifications/unread-count').set(as(api.admin.accessToken)).expect(200)).body).toEqual({ unread: 1 });
  });

  it("answers 404 for another user's notification and another organization's, and changes neither", async () => {
    const adminsOwn = await createNotification(api.app, api.admin, api.admin.userId, { title: 'Private to the admin' });
    const stranger = await signup(api.app, 'Other Org');
    const strangers = await createNotification(api.app, stranger, stranger.userId);

    const res = await http().post(`/api/v1/notifications/${adminsOwn}/read`).set(as(sales.token)).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(JSON.stringify(res.body)).not.toContain('Private to the admin');
    await http().post(`/api/v1/notifications/${strangers}/read`).set(as(api.admin.accessToken)).expect(404);
    const listed = (await http().get('/api/v1/notifications?limit=200').set(as(sales.token)).expect(200)).body.data.map((n: { id: string }) => n.id);
    expect(listed).not.toContain(adminsOwn);

    const rows = await api.db.query(`SELECT id, read_at FROM notifications WHERE id = ANY($1)`, [[adminsOwn, strangers]]);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.read_at).toBeNull();
  });

  it('refuses API keys (they have no notifications) and rejects bad input by field', async () => {
    const key = await apiKeyWithRole(api.app, api.admin.accessToken, 'admin');
    for (const path of ['/api/v1/notifications', '/api/v1/notifications/unread-count']) await http().get(path).set(as(key.key)).expect(403);
    await http().post('/api/v1/notifications/read-all').set(as(key.key)).expect(403);
    const bad = await http().get('/api/v1/notifications?unread=maybe&limit=0').set(as(sales.token)).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'unread']);
    await http().post('/api/v1/notifications/not-a-uuid/read').set(as(sales.token)).expect(400);
  });

  it('marking read is not audited (it is the reader\'s own view state)', async () => {
    const id = await createNotification(api.app, api.admin, sales.id);
    const before = await auditRows(api.admin.organizationId);
    await http().post(`/api/v1/notifications/${id}/read`).set(as(sales.token)).expect(200);
    await http().post('/api/v1/notifications/read-all').set(as(api.admin.accessToken)).expect(200);
    expect(await auditRows(api.admin.organizationId)).toBe(before);
  });

  it('keeps one unread notification per recipient and dedupe key; once read, the next is new; inactive users get none', async () => {
    const writer = api.app.get(NotificationWriter);
    const record = (title: string, userId = sales.id) => api.db.transaction((m) => writer.record(m, api.admin.organizationId, { userId, kind: 'test.episode', title, dedupeKey: 'episode-1', data: { title } }));
    await record('First');
    await record('Second');
    const episode = () => api.db.query(`SELECT title, data, read_at FROM notifications WHERE organization_id = $1 AND user_id = $2 AND dedupe_key = 'episode-1' ORDER BY created_at`, [api.admin.organizationId, sales.id]);
    expect(await episode()).toEqual([{ title: 'Second', data: { title: 'Second' }, read_at: null }]);

    await http().post('/api/v1/notifications/read-all').set(as(sales.token)).expect(200);
    await record('Third');
    const rows = await episode();
    expect(rows.map((r: { title: string; read_at: Date | null }) => [r.title, r.read_at === null])).toEqual([['Second', false], ['Third', true]]);

    const gone = await userWithRole(api.app, api.admin.accessToken, 'support');
    await http().patch(`/api/v1/users/${gone.id}`).set(as(api.admin.accessToken)).send({ is_active: false }).expect(200);
    await record('To nobody', gone.id);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [gone.id]))[0].n).toBe(0);
    await expect(writer.record(api.db.manager, api.admin.organizationId, { userId: sales.id, kind: 'x', title: 'outside a transaction' })).rejects.toThrow('inside a transaction');
  });
});
