import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { signup, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { pagedList } from '../support/paged-list';

describe('accounts', () => {
  const api = apiWithOrg('Accounts Org');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('creates, reads, replaces, patches and deletes an account', async () => {
    const created = await http()
      .post('/api/v1/accounts')
      .set(as(api.admin.accessToken))
      .send({ name: '  Initech  ', industry: 'Software', website: 'https://initech.test', domain: 'initech.test', phone: '+1 (555) 010-0100', metadata: { tier: 'gold' } })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Initech', industry: 'Software', owner_id: api.admin.userId, metadata: { tier: 'gold' }, version: 1 });
    const id = created.body.id;

    const got = await http().get(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).expect(200);
    expect(got.headers.etag).toBe('"1"');

    const replaced = await http().put(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).send({ name: 'Initech LLC' }).expect(200);
    expect(replaced.body).toMatchObject({ name: 'Initech LLC', industry: null, website: null, metadata: {}, version: 2, owner_id: null });

    const patched = await http().patch(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).send({ industry: 'Consulting' }).expect(200);
    expect(patched.body).toMatchObject({ name: 'Initech LLC', industry: 'Consulting', version: 3 });

    await http().delete(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).expect(204);
    await http().get(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).expect(404);
  });

  it('names each bad field and writes nothing', async () => {
    const res = await http()
      .post('/api/v1/accounts')
      .set(as(api.admin.accessToken))
      .send({ name: '', phone: 'call me', website: 'not a url', domain: 'nope', owner_id: 'x', unknown: 1 })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['domain', 'name', 'owner_id', 'phone', 'unknown', 'website']);
  });

  it('refuses null for fields that cannot be empty, and clears those that can', async () => {
    const id = await createAccount(api.app, api.admin, { industry: 'Retail' });
    const res = await http().patch(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).send({ name: null, metadata: null }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['metadata', 'name']);
    const cleared = await http().patch(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).send({ industry: null }).expect(200);
    expect(cleared.body.industry).toBeNull();
  });

  it("refuses another organization's user as owner with a 422 naming owner_id", async () => {
    const stranger = await signup(api.app, 'Stranger');
    const res = await http().post('/api/v1/accounts').set(as(api.admin.accessToken)).send({ name: 'X', owner_id: stranger.userId }).expect(422);
    expect(res.body.details).toEqual([{ field: 'owner_id', errors: ['owner_id does not refer to a record of this organization'] }]);
  });

  it('refuses a write based on a stale version (If-Match) with 412', async () => {
    const id = await createAccount(api.app, api.admin);
    await http().patch(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ industry: 'A' }).expect(200);
    const stale = await http().patch(`/api/v1/accounts/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ industry: 'B' }).expect(412);
    expect(stale.body.message).toMatch(/changed since version 1 \(now 2\)/);
  });

  it('lets sales change their own accounts only', async () => {
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    const mine = (await http().post('/api/v1/accounts').set(as(sales.token)).send({ name: 'Mine' }).expect(201)).body;
    expect(mine.owner_id).toBe(sales.id);
    await http().patch(`/api/v1/accounts/${mine.id}`).set(as(sales.token)).send({ industry: 'X' }).expect(200);
    const theirs = await createAccount(api.app, api.admin);
    await http().get(`/api/v1/accounts/${theirs}`).set(as(sales.token)).expect(200);
    const refused = await http().patch(`/api/v1/accounts/${theirs}`).set(as(sales.token)).send({ industry: 'X' }).expect(403);
    expect(refused.body.message).toBe('The sales role may only change its own accounts');
    await http().delete(`/api/v1/accounts/${theirs}`).set(as(sales.token)).expect(403);
  });

  it('pages with a stable keyset cursor in every allowed order, and filters', async () => {
    const org = await signup(api.app, 'Paging Org');
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo'];
    for (const name of names) await createAccount(api.app, org, { name, industry: name < 'c' ? 'early' : 'late' });
    const collect = async (query: string) => (await pagedList<{ name: string }>(() => api.app, '/api/v1/accounts').all(org, 2, query)).map((a) => a.name);
    expect(await collect('sort=name:asc')).toEqual([...names].sort());
    expect(await collect('sort=name:desc')).toEqual([...names].sort().reverse());
    expect(await collect('sort=created_at:asc')).toEqual(names);
    expect(await collect('industry=early&sort=name:asc')).toEqual(['alpha', 'bravo']);
    expect(await collect('q=chralie')).toEqual(['charlie']);
    const bad = await http().get('/api/v1/accounts?sort=phone:asc').set(as(org.accessToken)).expect(400);
    expect(bad.body.details[0].field).toBe('sort');
  });

  it('exports the filtered list as CSV that parses back', async () => {
    const org = await signup(api.app, 'Export Org');
    await createAccount(api.app, org, { name: 'Comma, Inc.', industry: 'x' });
    await createAccount(api.app, org, { name: '=HYPERLINK("evil")', industry: 'x' });
    await createAccount(api.app, org, { name: 'Filtered out', industry: 'y' });
    const res = await http().get('/api/v1/accounts?format=csv&industry=x&sort=name:asc').set(as(org.accessToken)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(["'=HYPERLINK(\"evil\")", 'Comma, Inc.']);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['id', 'name', 'industry', 'owner_id', 'created_at']));
  });

  it('records account.created/updated/deleted events in the outbox with the change', async () => {
    const org = await signup(api.app, 'Events Org');
    const id = await createAccount(api.app, org, { name: 'Evented' });
    await http().patch(`/api/v1/accounts/${id}`).set(as(org.accessToken)).send({ name: 'Evented 2' }).expect(200);
    await http().delete(`/api/v1/accounts/${id}`).set(as(org.accessToken)).expect(204);
    const events = openPayloads(api.app, await api.app.get(DataSource).query(`SELECT organization_id, id, type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at, id`, [org.organizationId, id]));
    expect(events.map((e: { type: string }) => e.type)).toEqual(['account.created', 'account.updated', 'account.deleted']);
    expect(events[1].payload).toMatchObject({ id, name: 'Evented 2', version: 2 });
  });
});
