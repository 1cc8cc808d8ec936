import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';
import { db, insertContact, insertDeal } from '../support/records-sql';

interface Hit {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

// Contacts and deals are inserted with SQL (support/records-sql.ts): these tests do not depend
// on those modules' routes; accounts are made through the API.
describe('search', () => {
  const api = apiWithOrg('Search Org');
  let stranger: SignedUp;
  const ids: Record<string, string> = {};
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const search = async (token: string, query: string): Promise<Hit[]> => (await http().get(`/api/v1/search?${query}`).set(as(token)).expect(200)).body.data;

  beforeAll(async () => {
    stranger = await signup(api.app, 'Search Stranger');
    const org = api.admin.organizationId;
    ids.acme = await createAccount(api.app, api.admin, { name: 'Acme Corporation', domain: 'acme.com' });
    ids.acne = await createAccount(api.app, api.admin, { name: 'Acne Treatment Labs' });
    ids.globex = await createAccount(api.app, api.admin, { name: 'Globex', domain: 'globex.example' });
    ids.wile = await insertContact(api.app, org, { first_name: 'Wile', last_name: 'Coyote', email: 'wile@acme.com', account_id: ids.acme });
    ids.road = await insertContact(api.app, org, { first_name: 'Road', last_name: 'Runner', email: 'beep@desert.test' });
    ids.skates = await insertDeal(api.app, org, { name: 'Acme rocket skates', account_id: ids.acme, stage: 'proposal' });
    ids.foreignAcme = await createAccount(api.app, stranger, { name: 'Acme Corporation', domain: 'acme.org' });
    ids.foreignContact = await insertContact(api.app, stranger.organizationId, { first_name: 'Acme', last_name: 'Spy', email: 'spy@acme.com' });
    ids.foreignDeal = await insertDeal(api.app, stranger.organizationId, { name: 'Acme Corporation renewal' });
  });

  it('finds "Acme Corporation" from a misspelt "Acme Corportion", best first', async () => {
    const hits = await search(api.admin.accessToken, `q=${encodeURIComponent('Acme Corportion')}`);
    expect(hits[0]).toMatchObject({ type: 'account', id: ids.acme, title: 'Acme Corporation', subtitle: 'acme.com' });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits.every((h) => h.score > 0 && h.score <= 1)).toBe(true);
    expect(hits.map((h) => h.id)).not.toContain(ids.acne);
  });

  it('searches account domains, contact names, and deal names, typo-tolerant; contacts by a whole email exactly', async () => {
    expect((await search(api.admin.accessToken, 'q=globex.exmaple'))[0]).toMatchObject({ type: 'account', id: ids.globex });
    // The subtitle is the contact's email, decrypted for the answer.
    expect((await search(api.admin.accessToken, 'q=Wile%20Coyotte'))[0]).toMatchObject({ type: 'contact', id: ids.wile, title: 'Wile Coyote', subtitle: 'wile@acme.com' });
    // Emails are encrypted at rest: a whole address is found through its blind index, a part of one is not.
    expect(await search(api.admin.accessToken, `q=${encodeURIComponent('Beep@Desert.test')}`)).toEqual([{ type: 'contact', id: ids.road, title: 'Road Runner', subtitle: 'beep@desert.test', score: 1 }]);
    expect((await search(api.admin.accessToken, 'q=beep@desert')).map((h) => h.id)).not.toContain(ids.road);
    expect((await search(api.admin.accessToken, 'q=rocket%20skate'))[0]).toMatchObject({ type: 'deal', id: ids.skates, title: 'Acme rocket skates', subtitle: 'proposal' });
    const acme = await search(api.admin.accessToken, 'q=acme');
    expect(acme.map((h) => h.id).sort()).toEqual([ids.acme, ids.skates].sort());
  });

  it("never shows another organization's records", async () => {
    for (const q of ['Acme Corporation', 'acme', 'Acme Spy', 'acme.org', 'renewal']) {
      const hits = await search(api.admin.accessToken, `q=${encodeURIComponent(q)}`);
      expect(hits.map((h) => h.id)).not.toContain(ids.foreignAcme);
      expect(hits.map((h) => h.id)).not.toContain(ids.foreignContact);
      expect(hits.map((h) => h.id)).not.toContain(ids.foreignDeal);
    }
    expect((await search(stranger.accessToken, 'q=acme')).map((h) => h.id).sort()).toEqual([ids.foreignAcme, ids.foreignContact, ids.foreignDeal].sort());
  });

  it('returns only the types the caller asks for and its role may read', async () => {
    const support = await userWithRole(api.app, api.admin.accessToken, 'support');
    const supportHits = await search(support.token, 'q=coyote');
    expect(supportHits.map((h) => `${h.type}:${h.id}`)).toEqual([`contact:${ids.wile}`]);
    expect(await search(support.token, 'q=acme')).toEqual([]);
    expect(await search(support.token, 'q=acme&types=deal,account')).toEqual([]);
    const supportKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'support');
    expect((await search(supportKey.key, 'q=wile@acme.com')).map((h) => h.type)).toEqual(['contact']);
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    expect((await search(sales.token, 'q=acme&types=deal')).map((h) => h.id)).toEqual([ids.skates]);
    expect((await search(api.admin.accessToken, 'q=acme&types=account,contact')).map((h) => h.type)).toEqual(['account']);
    expect((await search(api.admin.accessToken, 'q=coyote&types=account,contact')).map((h) => h.type)).toEqual(['contact']);
    expect(await search(api.admin.accessToken, 'q=acme&limit=1')).toHaveLength(1);
  });

  it('ranks the nearest rows however many match: 150 contacts of one name hide neither a rarer near one nor a partial match', async () => {
    const crowded = await signup(api.app, 'Crowded Org');
    const org = crowded.organizationId;
    await db(api.app).query(
      `INSERT INTO contacts (organization_id, id, first_name, last_name) SELECT $1::uuid, gen_random_uuid(), 'Chloe', 'Vogel' FROM generate_series(1, 150)
       UNION ALL SELECT $1::uuid, gen_random_uuid(), 'Ada', 'Okafor' FROM generate_series(1, 30)`,
      [org],
    );
    const rare = await insertContact(api.app, org, { first_name: 'Chloe', last_name: 'Vogelsang' });
    const exact = await search(crowded.accessToken, `q=${encodeURIComponent('Chloe Vogel')}&limit=50`);
    expect(exact).toHaveLength(50);
    expect(exact.every((h) => h.title === 'Chloe Vogel' && h.score === 1)).toBe(true);
    expect((await search(crowded.accessToken, `q=${encodeURIComponent('Chloe Vogelsng')}`))[0]).toMatchObject({ id: rare, title: 'Chloe Vogelsang' });
    // A part of the name (word similarity), and a typo in it: every Okafor, before any other name.
    for (const q of ['Okafor', 'Ada Okafr']) {
      const hits = await search(crowded.accessToken, `q=${encodeURIComponent(q)}&limit=50`);
      expect(hits.slice(0, 30).map((h) => h.title)).toEqual(Array(30).fill('Ada Okafor'));
      expect(hits.slice(30).every((h) => h.title !== 'Ada Okafor')).toBe(true);
    }
    expect((await search(crowded.accessToken, 'q=Vogelsang'))[0]).toMatchObject({ id: rare });
  });

  it('answers 400 naming q when it is missing, empty or too long, and naming types or limit when they are bad', async () => {
    for (const query of ['', 'q=', 'q=%20%20', `q=${'a'.repeat(201)}`, 'q=%00', 'q=acme%00&types=account,contact']) {
      const res = await http().get(`/api/v1/search?${query}`).set(as(api.admin.accessToken)).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['q']);
    }
    expect((await http().get('/api/v1/search?q=acme&types=account,invoice').set(as(api.admin.accessToken)).expect(400)).body.details[0].field).toBe('types');
    expect((await http().get('/api/v1/search?q=acme&limit=0').set(as(api.admin.accessToken)).expect(400)).body.details[0].field).toBe('limit');
    // Characters with a meaning in LIKE or tsquery syntax are searched as text.
    expect(await search(api.admin.accessToken, `q=${encodeURIComponent("%_\\&|!:*()'")}`)).toEqual([]);
  });
});
