import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createContact } from '../support/domains/contacts.domain';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { pagedList } from '../support/paged-list';

describe('contacts', () => {
  const api = apiWithOrg('Contacts Org');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fieldsOf = (res: request.Response) => res.body.details.map((d: { field: string }) => d.field).sort();

  it('creates, reads, replaces, patches and deletes a contact', async () => {
    const accountId = await createAccount(api.app, api.admin, { name: 'Analytical Engines' });
    const created = await http()
      .post('/api/v1/contacts')
      .set(as(api.admin.accessToken))
      .send({
        first_name: '  Ada ',
        last_name: 'Lovelace',
        email: '  Ada.Lovelace@Engines.TEST ',
        phone: '+44 (20) 7946-0958',
        job_title: 'Analyst',
        account_id: accountId,
        tags: [' vip ', 'math', 'vip', 'math'],
        metadata: { source: 'conference' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada.lovelace@engines.test',
      phone: '+44 (20) 7946-0958',
      job_title: 'Analyst',
      account_id: accountId,
      owner_id: api.admin.userId,
      tags: ['vip', 'math'],
      metadata: { source: 'conference' },
      version: 1,
    });
    expect(Object.keys(created.body).sort()).toEqual(
      ['id', 'account_id', 'first_name', 'last_name', 'email', 'phone', 'job_title', 'owner_id', 'tags', 'metadata', 'custom_fields', 'version', 'created_at', 'updated_at'].sort(),
    );
    const id = created.body.id;

    const got = await http().get(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(created.body);

    const replaced = await http().put(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).send({ first_name: 'Augusta', email: 'AUGUSTA@engines.test' }).expect(200);
    expect(replaced.body).toMatchObject({ first_name: 'Augusta', last_name: null, email: 'augusta@engines.test', phone: null, account_id: null, owner_id: null, tags: [], metadata: {}, version: 2 });

    const patched = await http().patch(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).send({ job_title: 'Countess', tags: ['nobility'] }).expect(200);
    expect(patched.body).toMatchObject({ first_name: 'Augusta', email: 'augusta@engines.test', job_title: 'Countess', tags: ['nobility'], version: 3 });
    const cleared = await http().patch(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).send({ tags: null, email: '' }).expect(200);
    expect(cleared.body).toMatchObject({ tags: [], email: null, job_title: 'Countess', version: 4 });

    await http().delete(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).expect(204);
    await http().get(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).expect(404);
    await http().delete(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).expect(404);
  });

  it('names each bad field and writes nothing', async () => {
    const before = await http().get('/api/v1/contacts?limit=200').set(as(api.admin.accessToken)).expect(200);
    const res = await http()
      .post('/api/v1/contacts')
      .set(as(api.admin.accessToken))
      .send({ first_name: ' ', email: 'not-an-email', phone: 'call me', account_id: 'x', owner_id: 'y', tags: 'vip', metadata: [], unknown: 1 })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(fieldsOf(res)).toEqual(['account_id', 'email', 'first_name', 'metadata', 'owner_id', 'phone', 'tags', 'unknown']);
    const after = await http().get('/api/v1/contacts?limit=200').set(as(api.admin.accessToken)).expect(200);
    expect(after.body.data).toHaveLength(before.body.data.length);
  });

  it('refuses a bad email with a 400 naming email only', async () => {
    for (const email of ['ada@', 'ada at engines.test', '@engines.test', 42]) {
      const res = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'Ada', email }).expect(400);
      expect(res.body.details).toEqual([{ field: 'email', errors: expect.arrayContaining(['email must be an email address']) }]);
    }
  });

  it('refuses more than 50 tags, long tags and non-string tags, naming tags', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
    const tooMany = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'Ada', tags: many }).expect(400);
    expect(tooMany.body.details).toEqual([{ field: 'tags', errors: ['tags must contain at most 50 tags'] }]);
    // 51 entries that dedupe to 50 are fine.
    const deduped = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'Ada', tags: [...many.slice(0, 50), 't0'] }).expect(201);
    expect(deduped.body.tags).toHaveLength(50);
    const long = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'Ada', tags: ['x'.repeat(51)] }).expect(400);
    expect(fieldsOf(long)).toEqual(['tags']);
    const empty = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'Ada', tags: ['  '] }).expect(400);
    expect(fieldsOf(empty)).toEqual(['tags']);
    const numbers = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'Ada', tags: [1, 2] }).expect(400);
    expect(fieldsOf(numbers)).toEqual(['tags']);
  });

  it('refuses to clear the first name or metadata with null in a PATCH', async () => {
    const id = await createContact(api.app, api.admin);
    const res = await http().patch(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).send({ first_name: null, metadata: null }).expect(400);
    expect(fieldsOf(res)).toEqual(['first_name', 'metadata']);
  });

  it("refuses another organization's account or user with a 422 naming the field", async () => {
    const stranger = await signup(api.app, 'Contacts Stranger');
    const theirAccount = await createAccount(api.app, stranger, { name: 'Not yours' });
    const onCreate = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'X', account_id: theirAccount }).expect(422);
    expect(onCreate.body.details).toEqual([{ field: 'account_id', errors: ['account_id does not refer to a record of this organization'] }]);
    const id = await createContact(api.app, api.admin);
    const onPatch = await http().patch(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).send({ account_id: theirAccount }).expect(422);
    expect(onPatch.body.details[0].field).toBe('account_id');
    const owner = await http().post('/api/v1/contacts').set(as(api.admin.accessToken)).send({ first_name: 'X', owner_id: stranger.userId }).expect(422);
    expect(owner.body.details[0].field).toBe('owner_id');
    const unchanged = await http().get(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).expect(200);
    expect(unchanged.body).toMatchObject({ account_id: null, version: 1 });
  });

  it('refuses a write based on a stale version (If-Match) with 412', async () => {
    const id = await createContact(api.app, api.admin);
    await http().patch(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ job_title: 'A' }).expect(200);
    const stale = await http().put(`/api/v1/contacts/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ first_name: 'B' }).expect(412);
    expect(stale.body.message).toMatch(/changed since version 1 \(now 2\)/);
  });

  it('lets sales change their own contacts only, and support any contact', async () => {
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    const mine = (await http().post('/api/v1/contacts').set(as(sales.token)).send({ first_name: 'Mine' }).expect(201)).body;
    expect(mine.owner_id).toBe(sales.id);
    await http().patch(`/api/v1/contacts/${mine.id}`).set(as(sales.token)).send({ job_title: 'X' }).expect(200);
    await http().put(`/api/v1/contacts/${mine.id}`).set(as(sales.token)).send({ first_name: 'Still mine', owner_id: sales.id }).expect(200);

    const theirs = await createContact(api.app, api.admin, { first_name: 'Theirs' });
    await http().get(`/api/v1/contacts/${theirs}`).set(as(sales.token)).expect(200);
    const refused = await http().patch(`/api/v1/contacts/${theirs}`).set(as(sales.token)).send({ job_title: 'X' }).expect(403);
    expect(refused.body.message).toBe('The sales role may only change its own contacts');
    await http().put(`/api/v1/contacts/${theirs}`).set(as(sales.token)).send({ first_name: 'X' }).expect(403);
    await http().delete(`/api/v1/contacts/${theirs}`).set(as(sales.token)).expect(403);
    expect((await http().get(`/api/v1/contacts/${theirs}`).set(as(api.admin.accessToken)).expect(200)).body).toMatchObject({ first_name: 'Theirs', version: 1 });

    const support = await userWithRole(api.app, api.admin.accessToken, 'support');
    await http().patch(`/api/v1/contacts/${theirs}`).set(as(support.token)).send({ job_title: 'Fixed by support' }).expect(200);

    const salesKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'sales');
    const byKey = (await http().post('/api/v1/contacts').set(as(salesKey.key)).send({ first_name: 'Keyed' }).expect(201)).body;
    expect(byKey.owner_id).toBeNull();
    await http().patch(`/api/v1/contacts/${byKey.id}`).set(as(salesKey.key)).send({ job_title: 'X' }).expect(403);

    await http().delete(`/api/v1/contacts/${mine.id}`).set(as(sales.token)).expect(204);
  });

  describe('lists', () => {
    let org: SignedUp;
    let accountId: string;
    let salesId: string;
    let salesToken: string;
    const people = [
      { first_name: 'Katherine', last_name: 'Johnson', email: 'kj@nasa.test' },
      { first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.test' },
      { first_name: 'Alan', last_name: null, email: 'alan@bletchley.test' },
      { first_name: 'John', last_name: 'Smith', email: 'john.smith@acme.test' },
      { first_name: 'Margaret', last_name: 'Hamilton', email: null },
      { first_name: 'Edsger', last_name: null, email: null },
    ];
    const collect = async (query: string, field: 'first_name' | 'last_name' = 'first_name') =>
      (await pagedList<Record<string, string | null>>(() => api.app, '/api/v1/contacts').all(org, 2, query)).map((c) => c[field]);

    beforeAll(async () => {
      org = await signup(api.app, 'Contacts Paging Org');
      accountId = await createAccount(api.app, org, { name: 'NASA' });
      const sales = await userWithRole(api.app, org.accessToken, 'sales');
      salesId = sales.id;
      salesToken = sales.token;
      for (const [i, person] of people.entries()) {
        const extra = i < 2 ? { account_id: accountId } : {};
        if (i % 2 === 1) await http().post('/api/v1/contacts').set(as(salesToken)).send({ ...person, ...extra }).expect(201);
        else await createContact(api.app, org, { ...person, ...extra });
      }
    });

    it('pages through every contact once with a stable cursor in each order', async () => {
      const firstNames = people.map((p) => p.first_name);
      expect(await collect('sort=created_at:asc')).toEqual(firstNames);
      expect(await collect('sort=created_at:desc')).toEqual([...firstNames].reverse());
      expect(await collect('')).toEqual([...firstNames].reverse());
      expect(await collect('sort=updated_at:asc')).toEqual(firstNames);
    });

    it('sorts by last name with contacts that have none last, in both directions', async () => {
      expect(await collect('sort=last_name:asc', 'last_name')).toEqual(['Hamilton', 'Hopper', 'Johnson', 'Smith', null, null]);
      expect(await collect('sort=last_name:desc', 'last_name')).toEqual(['Smith', 'Johnson', 'Hopper', 'Hamilton', null, null]);
      // Ties (no last name) follow the id, in the direction of the sort.
      expect(await collect('sort=last_name:asc')).toEqual(['Margaret', 'Grace', 'Katherine', 'John', 'Alan', 'Edsger']);
      expect(await collect('sort=last_name:desc')).toEqual(['John', 'Katherine', 'Grace', 'Margaret', 'Edsger', 'Alan']);
    });

    it('filters by account and owner', async () => {
      expect(await collect(`account_id=${accountId}&sort=created_at:asc`)).toEqual(['Katherine', 'Grace']);
      expect(await collect(`owner_id=${salesId}&sort=created_at:asc`)).toEqual(['Grace', 'John', 'Edsger']);
      expect(await collect(`owner_id=${salesId}&account_id=${accountId}`)).toEqual(['Grace']);
    });

    it('finds contacts by name with q, typos included, and by a whole email (encrypted at rest: no partial match)', async () => {
      expect(await collect('q=katerine')).toEqual(['Katherine']);
      expect(await collect('q=HOPER')).toEqual(['Grace']);
      expect(await collect('q=navy.test')).toEqual([]);
      expect(await collect(`q=${encodeURIComponent(' Grace@Navy.test ')}`)).toEqual(['Grace']);
      expect(await collect('email=GRACE@navy.test')).toEqual(['Grace']);
      expect(await collect('email=grace@navy.tes')).toEqual([]);
      expect(await collect('q=smitth')).toEqual(['John']);
      expect(await collect('q=jhon smith')).toEqual(['John']);
      expect(await collect('q=john&sort=created_at:asc')).toEqual(['Katherine', 'John']);
      expect(await collect('q=hamilton&sort=last_name:asc')).toEqual(['Margaret']);
      expect(await collect('q=100%25_')).toEqual([]);
      expect(await collect('q=zzzzqqq')).toEqual([]);
    });

    it('refuses a sort on an unindexed field and a forged cursor', async () => {
      const bad = await http().get('/api/v1/contacts?sort=email:asc').set(as(org.accessToken)).expect(400);
      expect(bad.body.details[0].field).toBe('sort');
      const forged = await http().get('/api/v1/contacts?cursor=bm9wZQ').set(as(org.accessToken)).expect(400);
      expect(forged.body.details[0].field).toBe('cursor');
      const badFilter = await http().get('/api/v1/contacts?account_id=nope').set(as(org.accessToken)).expect(400);
      expect(badFilter.body.details[0].field).toBe('account_id');
    });

    it('exports the filtered list as CSV that parses back', async () => {
      const tagged = await createContact(api.app, org, { first_name: '=cmd()', last_name: 'Zed, Jr.', tags: ['a', 'b'], account_id: accountId, metadata: { k: 'v' } });
      try {
        const res = await http().get(`/api/v1/contacts?format=csv&account_id=${accountId}&sort=created_at:asc`).set(as(org.accessToken)).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toContain('contacts.csv');
        const rows = parse(res.text, { columns: true }) as Record<string, string>[];
        expect(Object.keys(rows[0])).toEqual(['id', 'account_id', 'first_name', 'last_name', 'email', 'phone', 'job_title', 'owner_id', 'tags', 'metadata', 'custom_fields', 'created_at', 'updated_at']);
        expect(rows.map((r) => r.first_name)).toEqual(['Katherine', 'Grace', "'=cmd()"]);
        expect(rows[2]).toMatchObject({ id: tagged, last_name: 'Zed, Jr.', tags: 'a;b', metadata: '{"k":"v"}', account_id: accountId, phone: '' });
        expect(rows[1]).toMatchObject({ email: 'grace@navy.test', owner_id: salesId });
      } finally {
        await http().delete(`/api/v1/contacts/${tagged}`).set(as(org.accessToken)).expect(204);
      }
    });

    it('exports every page of a long list', async () => {
      const bulk = await signup(api.app, 'Contacts Bulk Org');
      const ids: string[] = [];
      for (let i = 0; i < 205; i++) ids.push(await createContact(api.app, bulk, { first_name: `Person ${i}` }));
      const res = await http().get('/api/v1/contacts?format=csv&sort=created_at:asc').set(as(bulk.accessToken)).expect(200);
      const rows = parse(res.text, { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.id)).toEqual(ids);
    });
  });

  it('records contact.created/updated/deleted events in the outbox with the change', async () => {
    const org = await signup(api.app, 'Contacts Events Org');
    const id = await createContact(api.app, org, { first_name: 'Evented' });
    await http().patch(`/api/v1/contacts/${id}`).set(as(org.accessToken)).send({ first_name: 'Evented 2' }).expect(200);
    await http().patch(`/api/v1/contacts/${id}`).set(as(org.accessToken)).send({ email: 'bad' }).expect(400);
    await http().delete(`/api/v1/contacts/${id}`).set(as(org.accessToken)).expect(204);
    const events = openPayloads(api.app, await api.app.get(DataSource).query(`SELECT organization_id, id, type, aggregate_type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at, id`, [org.organizationId, id]));
    expect(events.map((e: { type: string }) => e.type)).toEqual(['contact.created', 'contact.updated', 'contact.deleted']);
    expect(events.every((e: { aggregate_type: string }) => e.aggregate_type === 'contact')).toBe(true);
    expect(events[0].payload).toMatchObject({ id, first_name: 'Evented', owner_id: org.userId, version: 1 });
    expect(events[1].payload).toMatchObject({ id, first_name: 'Evented 2', version: 2 });
    expect(events[2].payload).toEqual({ id });
  });
});
