import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { pagedList } from '../support/paged-list';

interface HistoryEntry {
  from_stage: string | null;
  to_stage: string;
  entered_at: string;
  changed_by: string | null;
  seconds_in_stage: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deals', () => {
  const api = apiWithOrg('Deals Org');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fieldsOf = (res: request.Response) => res.body.details.map((d: { field: string }) => d.field).sort();
  const historyOf = async (id: string, token = api.admin.accessToken): Promise<HistoryEntry[]> => (await http().get(`/api/v1/deals/${id}/stage-history`).set(as(token)).expect(200)).body.data;
  const eventsOf = (org: SignedUp, id: string): Promise<{ type: string; payload: Record<string, unknown> }[]> =>
    api.db.query(`SELECT organization_id AS _org, id AS _id, type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at, id`, [org.organizationId, id]).then((rows) => openPayloads(api.app, rows));
  const auditOf = (org: SignedUp, id: string): Promise<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }[]> =>
    api.db.query(`SELECT action, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 ORDER BY created_at, id`, [org.organizationId, id]);

  it('creates, reads, replaces, patches and deletes a deal', async () => {
    const accountId = await createAccount(api.app, api.admin, { name: 'Initech' });
    const created = await http()
      .post('/api/v1/deals')
      .set(as(api.admin.accessToken))
      .send({ name: '  Initech rollout ', description: 'Phase 1', value: 1200.5, currency: 'eur', account_id: accountId, start_date: '2026-01-01', end_date: '2026-03-31', metadata: { source: 'inbound' } })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Initech rollout',
      description: 'Phase 1',
      value: '1200.50',
      currency: 'EUR',
      stage: 'prospecting',
      account_id: accountId,
      owner_id: api.admin.userId,
      start_date: '2026-01-01',
      end_date: '2026-03-31',
      closed_at: null,
      close_reason: null,
      metadata: { source: 'inbound' },
      version: 1,
    });
    expect(Object.keys(created.body).sort()).toEqual(
      ['id', 'account_id', 'name', 'description', 'value', 'currency', 'pipeline_id', 'stage', 'owner_id', 'start_date', 'end_date', 'closed_at', 'close_reason', 'metadata', 'hours_budget', 'money_budget', 'budget_period', 'billing_model', 'retainer', 'custom_fields', 'version', 'created_at', 'updated_at'].sort(),
    );
    const id = created.body.id;

    const got = await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(created.body);

    const replaced = await http().put(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ name: 'Initech renewal', stage: 'qualification', value: '99' }).expect(200);
    expect(replaced.body).toMatchObject({
      name: 'Initech renewal',
      description: null,
      value: '99.00',
      currency: 'USD',
      stage: 'qualification',
      account_id: null,
      owner_id: null,
      start_date: null,
      end_date: null,
      metadata: {},
      version: 2,
    });

    const patched = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ value: '1000000000000000.99', end_date: '2027-12-31' }).expect(200);
    expect(patched.body).toMatchObject({ name: 'Initech renewal', stage: 'qualification', value: '1000000000000000.99', end_date: '2027-12-31', version: 3 });

    await http().delete(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(204);
    await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(404);
    await http().get(`/api/v1/deals/${id}/stage-history`).set(as(api.admin.accessToken)).expect(404);
    await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won' }).expect(404);
  });

  it('names each bad field and writes nothing', async () => {
    const before = await http().get('/api/v1/deals?limit=200').set(as(api.admin.accessToken)).expect(200);
    const res = await http()
      .post('/api/v1/deals')
      .set(as(api.admin.accessToken))
      // A stage that is not a stage key at all is named with the other fields; a well-formed key the pipeline lacks is named once the rest is valid (below).
      .send({ name: '', value: '-1', currency: 'XYZ', stage: 'Closed!', account_id: 'x', owner_id: 'y', start_date: '2026-02-30', end_date: 'soon', metadata: 'x', unknown: 1 })
      .expect(400);
    expect(fieldsOf(res)).toEqual(['account_id', 'currency', 'end_date', 'metadata', 'name', 'owner_id', 'stage', 'start_date', 'unknown', 'value']);
    const after = await http().get('/api/v1/deals?limit=200').set(as(api.admin.accessToken)).expect(200);
    expect(after.body.data).toHaveLength(before.body.data.length);
  });

  it('takes value as a non-negative decimal string with at most 2 decimals, or a JSON number', async () => {
    const ok: [unknown, string][] = [
      ['0', '0.00'],
      ['12', '12.00'],
      ['12.3', '12.30'],
      [' 12.34 ', '12.34'],
      [42, '42.00'],
      [19.99, '19.99'],
      [0, '0.00'],
    ];
    for (const [value, stored] of ok) {
      const res = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Valued', value }).expect(201);
      expect(res.body.value).toBe(stored);
    }
    for (const value of ['-1', -1, '1.234', 1.234, 'abc', '1e5', '', '12.', '.5', '12345678901234567', 1e21, true, null, {}]) {
      const res = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Valued', value });
      expect({ value, status: res.status }).toEqual({ value, status: 400 });
      expect(fieldsOf(res)).toEqual(['value']);
    }
  });

  it('refuses an unknown currency or stage, naming the field, and upper-cases known currencies', async () => {
    for (const currency of ['XYZ', 'US', 'dollars', 5]) {
      const res = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', currency }).expect(400);
      expect(res.body.details).toEqual([{ field: 'currency', errors: ['currency must be an ISO 4217 currency code such as USD'] }]);
    }
    expect((await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', currency: 'jpy' }).expect(201)).body.currency).toBe('JPY');
    const stage = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', stage: 'closed_won' }).expect(400);
    expect(stage.body.details).toEqual([{ field: 'stage', errors: ['stage must be one of prospecting, qualification, proposal, negotiation, won, lost'] }]);
    const id = await createDeal(api.app, api.admin);
    const patch = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ stage: 'Won', currency: 'ABC' }).expect(400);
    expect(fieldsOf(patch)).toEqual(['currency', 'stage']);
  });

  it('refuses an end date before the start date with a 400 naming end_date, also against the stored dates', async () => {
    const res = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', start_date: '2026-05-02', end_date: '2026-05-01' }).expect(400);
    expect(res.body.details).toEqual([{ field: 'end_date', errors: ['end_date (2026-05-01) must not be before start_date (2026-05-02)'] }]);
    await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Same day', start_date: '2026-05-01', end_date: '2026-05-01' }).expect(201);

    const id = await createDeal(api.app, api.admin, { start_date: '2026-05-10' });
    const patched = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ end_date: '2026-05-09' }).expect(400);
    expect(fieldsOf(patched)).toEqual(['end_date']);
    await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ end_date: '2026-06-01' }).expect(200);
    const movedStart = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ start_date: '2026-07-01' }).expect(400);
    expect(fieldsOf(movedStart)).toEqual(['end_date']);
    // A PUT replaces both dates, so the stored ones do not count.
    await http().put(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ name: 'X', start_date: '2026-07-01' }).expect(200);
    expect((await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200)).body).toMatchObject({ start_date: '2026-07-01', end_date: null, version: 3 });
  });

  it('refuses to null a required field or one with a default in a PATCH', async () => {
    const id = await createDeal(api.app, api.admin);
    const res = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ name: null, value: null, currency: null, stage: null, metadata: null }).expect(400);
    expect(fieldsOf(res)).toEqual(['currency', 'metadata', 'name', 'stage', 'value']);
  });

  it("refuses another organization's account or user with a 422 naming the field", async () => {
    const stranger = await signup(api.app, 'Deals Stranger');
    const theirAccount = await createAccount(api.app, stranger, { name: 'Not yours' });
    const onCreate = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', account_id: theirAccount }).expect(422);
    expect(onCreate.body.details).toEqual([{ field: 'account_id', errors: ['account_id does not refer to a record of this organization'] }]);
    const owner = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', owner_id: stranger.userId }).expect(422);
    expect(owner.body.details[0].field).toBe('owner_id');

    // Refused in the middle of a stage change: neither the deal nor its history moves.
    const id = await createDeal(api.app, api.admin);
    const onPatch = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ account_id: theirAccount, stage: 'proposal' }).expect(422);
    expect(onPatch.body.details[0].field).toBe('account_id');
    expect((await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200)).body).toMatchObject({ stage: 'prospecting', account_id: null, version: 1 });
    expect((await historyOf(id)).map((h) => h.to_stage)).toEqual(['prospecting']);
    expect((await eventsOf(api.admin, id)).map((e) => e.type)).toEqual(['deal.created']);
  });

  it('refuses a write based on a stale version (If-Match) with 412, on close too', async () => {
    const id = await createDeal(api.app, api.admin);
    await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ description: 'A' }).expect(200);
    const stale = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ description: 'B' }).expect(412);
    expect(stale.body.message).toMatch(/changed since version 1 \(now 2\)/);
    await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ outcome: 'won' }).expect(412);
    await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).set('If-Match', '"2"').send({ outcome: 'won' }).expect(200);
  });

  describe('closing', () => {
    it('wins a deal with a reason, then refuses to close it again with 409', async () => {
      const id = await createDeal(api.app, api.admin, { stage: 'negotiation' });
      const won = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won', reason: '  Best price  ' }).expect(200);
      expect(won.body).toMatchObject({ id, stage: 'won', close_reason: 'Best price', version: 2 });
      expect(Date.parse(won.body.closed_at)).toBeGreaterThan(Date.now() - 60_000);
      expect(won.body.closed_at).toBe(won.body.updated_at);

      const again = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost' }).expect(409);
      expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(again.body.message).toMatch(/already won/);
      expect((await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200)).body).toMatchObject({ stage: 'won', close_reason: 'Best price', closed_at: won.body.closed_at, version: 2 });
    });

    it('loses a deal without a reason, and refuses to close it again with 409', async () => {
      const id = await createDeal(api.app, api.admin);
      const lost = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost' }).expect(200);
      expect(lost.body).toMatchObject({ stage: 'lost', close_reason: null });
      expect(lost.body.closed_at).not.toBeNull();
      await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost' }).expect(409);
      await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won' }).expect(409);
    });

    it('refuses a bad outcome, naming it', async () => {
      const id = await createDeal(api.app, api.admin);
      for (const body of [{}, { outcome: 'negotiation' }, { outcome: 'won', reason: 7 }, { outcome: 'won', extra: 1 }]) {
        const res = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send(body).expect(400);
        expect(res.body.details.length).toBe(1);
      }
      const res = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'draw' }).expect(400);
      expect(res.body.details).toEqual([{ field: 'outcome', errors: ['outcome must be won or lost'] }]);
      expect((await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200)).body.stage).toBe('prospecting');
    });

    it('reopens a closed deal when its stage moves back to an open one, and may close it again', async () => {
      const id = await createDeal(api.app, api.admin);
      await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost', reason: 'No budget' }).expect(200);
      const reopened = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ stage: 'negotiation' }).expect(200);
      expect(reopened.body).toMatchObject({ stage: 'negotiation', closed_at: null, close_reason: null });
      const won = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won' }).expect(200);
      expect(won.body).toMatchObject({ stage: 'won', close_reason: null });
    });

    it('closes a deal created directly as won or lost, or moved there by PATCH', async () => {
      const won = (await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Signed already', stage: 'won' }).expect(201)).body;
      expect(won.closed_at).toBe(won.created_at);
      expect(won.close_reason).toBeNull();
      await http().post(`/api/v1/deals/${won.id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won' }).expect(409);

      const id = await createDeal(api.app, api.admin);
      const moved = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ stage: 'lost' }).expect(200);
      expect(moved.body.closed_at).toBe(moved.body.updated_at);
      // Editing a closed deal without moving its stage keeps it closed as it was.
      const edited = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ description: 'Post-mortem' }).expect(200);
      expect(edited.body).toMatchObject({ stage: 'lost', closed_at: moved.body.closed_at });
    });

    it('writes exactly one audit row, action close, for a close', async () => {
      const id = await createDeal(api.app, api.admin, { stage: 'proposal' });
      await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost', reason: 'Went quiet' }).expect(200);
      await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost' }).expect(409);
      const rows = await auditOf(api.admin, id);
      expect(rows.map((r) => r.action)).toEqual(['create', 'close']);
      expect(rows[1].changes).toMatchObject({ stage: { from: 'proposal', to: 'lost' }, close_reason: { from: null, to: 'Went quiet' } });
    });
  });

  describe('stage history', () => {
    it('records each stage with who moved it and the seconds spent there, oldest first', async () => {
      const id = await createDeal(api.app, api.admin);
      await sleep(1100);
      await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ stage: 'qualification' }).expect(200);
      // Changes that do not move the stage add nothing.
      await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ stage: 'qualification', description: 'Call booked' }).expect(200);
      await sleep(300);
      const manager = await userWithRole(api.app, api.admin.accessToken, 'manager');
      await http().put(`/api/v1/deals/${id}`).set(as(manager.token)).send({ name: 'Acme rollout', stage: 'proposal', owner_id: api.admin.userId }).expect(200);
      await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won' }).expect(200);
      await sleep(200);

      const history = await historyOf(id);
      expect(history.map((h) => [h.from_stage, h.to_stage, h.changed_by])).toEqual([
        [null, 'prospecting', api.admin.userId],
        ['prospecting', 'qualification', api.admin.userId],
        ['qualification', 'proposal', manager.id],
        ['proposal', 'won', api.admin.userId],
      ]);
      for (let i = 0; i < history.length - 1; i++) {
        const gap = (Date.parse(history[i + 1].entered_at) - Date.parse(history[i].entered_at)) / 1000;
        expect(history[i].seconds_in_stage).toBeCloseTo(gap, 3);
      }
      expect(history[0].seconds_in_stage).toBeGreaterThanOrEqual(1.1);
      expect(history[1].seconds_in_stage).toBeGreaterThanOrEqual(0.3);
      // The current stage counts until now, and keeps counting.
      const sinceWon = (Date.now() - Date.parse(history[3].entered_at)) / 1000;
      expect(history[3].seconds_in_stage).toBeGreaterThanOrEqual(0.2);
      expect(history[3].seconds_in_stage).toBeLessThanOrEqual(sinceWon + 1);
      await sleep(300);
      expect((await historyOf(id))[3].seconds_in_stage).toBeGreaterThanOrEqual(history[3].seconds_in_stage + 0.3);

      const deal = (await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200)).body;
      expect(history[0].entered_at).toBe(deal.created_at);
      expect(history[3].entered_at).toBe(deal.closed_at);
    });

    it('records reopening too, and an API key as nobody', async () => {
      const key = await apiKeyWithRole(api.app, api.admin.accessToken, 'manager');
      const id = (await http().post('/api/v1/deals').set(as(key.key)).send({ name: 'Keyed', stage: 'lost' }).expect(201)).body.id;
      await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ stage: 'prospecting' }).expect(200);
      const history = await historyOf(id);
      expect(history.map((h) => [h.from_stage, h.to_stage, h.changed_by])).toEqual([
        [null, 'lost', null],
        ['lost', 'prospecting', api.admin.userId],
      ]);
      expect(history.every((h) => h.seconds_in_stage >= 0)).toBe(true);
    });

    it('is readable by sales for any deal, and cascades away with its deal', async () => {
      const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
      const id = await createDeal(api.app, api.admin, { stage: 'proposal' });
      expect(await historyOf(id, sales.token)).toHaveLength(1);
      await http().delete(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(204);
      const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM deal_stage_history WHERE organization_id = $1 AND deal_id = $2`, [api.admin.organizationId, id]);
      expect(count).toBe(0);
    });
  });

  it('lets sales change, close and delete their own deals only', async () => {
    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    const mine = (await http().post('/api/v1/deals').set(as(sales.token)).send({ name: 'Mine' }).expect(201)).body;
    expect(mine.owner_id).toBe(sales.id);
    await http().patch(`/api/v1/deals/${mine.id}`).set(as(sales.token)).send({ stage: 'proposal' }).expect(200);
    await http().post(`/api/v1/deals/${mine.id}/close`).set(as(sales.token)).send({ outcome: 'won' }).expect(200);

    const theirs = await createDeal(api.app, api.admin, { name: 'Theirs' });
    await http().get(`/api/v1/deals/${theirs}`).set(as(sales.token)).expect(200);
    const refused = await http().patch(`/api/v1/deals/${theirs}`).set(as(sales.token)).send({ stage: 'proposal' }).expect(403);
    expect(refused.body.message).toBe('The sales role may only change its own deals');
    await http().put(`/api/v1/deals/${theirs}`).set(as(sales.token)).send({ name: 'X' }).expect(403);
    await http().post(`/api/v1/deals/${theirs}/close`).set(as(sales.token)).send({ outcome: 'lost' }).expect(403);
    await http().delete(`/api/v1/deals/${theirs}`).set(as(sales.token)).expect(403);
    expect((await http().get(`/api/v1/deals/${theirs}`).set(as(api.admin.accessToken)).expect(200)).body).toMatchObject({ name: 'Theirs', stage: 'prospecting', version: 1 });
    expect(await historyOf(theirs)).toHaveLength(1);

    const salesKey = await apiKeyWithRole(api.app, api.admin.accessToken, 'sales');
    const byKey = (await http().post('/api/v1/deals').set(as(salesKey.key)).send({ name: 'Keyed' }).expect(201)).body;
    expect(byKey.owner_id).toBeNull();
    await http().post(`/api/v1/deals/${byKey.id}/close`).set(as(salesKey.key)).send({ outcome: 'won' }).expect(403);

    await http().delete(`/api/v1/deals/${mine.id}`).set(as(sales.token)).expect(204);
  });

  describe('lists', () => {
    let org: SignedUp;
    let accountId: string;
    let salesId: string;
    const deals = [
      { name: 'delta', value: '100.00', stage: 'proposal' },
      { name: 'alpha', value: '9.99', stage: 'prospecting' },
      { name: 'echo', value: '1000', stage: 'won' },
      { name: 'charlie', value: '25.5', stage: 'proposal' },
      { name: 'bravo', value: '100', stage: 'lost' },
    ];
    const collect = async (query: string) => (await pagedList<{ name: string }>(() => api.app, '/api/v1/deals').all(org, 2, query)).map((d) => d.name);

    beforeAll(async () => {
      org = await signup(api.app, 'Deals Paging Org');
      accountId = await createAccount(api.app, org, { name: 'Paging account' });
      const sales = await userWithRole(api.app, org.accessToken, 'sales');
      salesId = sales.id;
      for (const [i, deal] of deals.entries()) {
        const body = { ...deal, ...(i < 2 ? { account_id: accountId } : {}) };
        if (i % 2 === 1) await http().post('/api/v1/deals').set(as(sales.token)).send(body).expect(201);
        else await createDeal(api.app, org, body);
      }
    });

    it('pages through every deal once in each allowed order', async () => {
      const names = deals.map((d) => d.name);
      expect(await collect('sort=created_at:asc')).toEqual(names);
      expect(await collect('')).toEqual([...names].reverse());
      expect(await collect('sort=updated_at:desc')).toEqual([...names].reverse());
      expect(await collect('sort=name:asc')).toEqual([...names].sort());
      expect(await collect('sort=name:desc')).toEqual([...names].sort().reverse());
      // Numeric order, not text order; equal values follow the id.
      expect(await collect('sort=value:asc')).toEqual(['alpha', 'charlie', 'delta', 'bravo', 'echo']);
      expect(await collect('sort=value:desc')).toEqual(['echo', 'bravo', 'delta', 'charlie', 'alpha']);
    });

    it('filters by stage, account and owner', async () => {
      expect(await collect('stage=proposal&sort=name:asc')).toEqual(['charlie', 'delta']);
      expect(await collect(`account_id=${accountId}&sort=name:asc`)).toEqual(['alpha', 'delta']);
      expect(await collect(`owner_id=${salesId}&sort=name:asc`)).toEqual(['alpha', 'charlie']);
      expect(await collect(`owner_id=${salesId}&stage=proposal`)).toEqual(['charlie']);
      expect(await collect('q=chralie')).toEqual(['charlie']);
    });

    it('refuses an unknown stage filter or an unindexed sort', async () => {
      const stage = await http().get('/api/v1/deals?stage=closed').set(as(org.accessToken)).expect(400);
      expect(stage.body.details[0].field).toBe('stage');
      const sort = await http().get('/api/v1/deals?sort=currency:asc').set(as(org.accessToken)).expect(400);
      expect(sort.body.details[0].field).toBe('sort');
    });

    it('exports the filtered list as CSV that parses back', async () => {
      const res = await http().get('/api/v1/deals?format=csv&stage=proposal&sort=value:desc').set(as(org.accessToken)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('deals.csv');
      const rows = parse(res.text, { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0])).toEqual(['id', 'account_id', 'name', 'description', 'value', 'currency', 'stage', 'owner_id', 'start_date', 'end_date', 'closed_at', 'close_reason', 'metadata', 'hours_budget', 'money_budget', 'budget_period', 'billing_model', 'custom_fields', 'created_at', 'updated_at', 'pipeline_id']);
      expect(rows.map((r) => [r.name, r.value, r.currency, r.stage])).toEqual([
        ['delta', '100.00', 'USD', 'proposal'],
        ['charlie', '25.50', 'USD', 'proposal'],
      ]);
      const closed = parse((await http().get('/api/v1/deals?format=csv&stage=won').set(as(org.accessToken)).expect(200)).text, { columns: true }) as Record<string, string>[];
      expect(closed).toHaveLength(1);
      expect(Date.parse(closed[0].closed_at)).not.toBeNaN();
    });
  });

  it('records deal events in the outbox: updated on every change, stage_changed and closed when they happen', async () => {
    const org = await signup(api.app, 'Deals Events Org');
    const id = await createDeal(api.app, org, { name: 'Evented' });
    const step = async (method: 'patch' | 'post' | 'delete', path: string, body?: object) => {
      const req = http()[method](`/api/v1/deals/${id}${path}`).set(as(org.accessToken));
      await (body ? req.send(body) : req).expect(method === 'delete' ? 204 : 200);
    };
    await step('patch', '', { description: 'No stage move' });
    await step('patch', '', { stage: 'negotiation' });
    await step('post', '/close', { outcome: 'won', reason: 'Signed' });
    await http().post(`/api/v1/deals/${id}/close`).set(as(org.accessToken)).send({ outcome: 'won' }).expect(409);
    await step('patch', '', { stage: 'proposal' });
    await step('delete', '');
    const events = await eventsOf(org, id);
    expect(events.map((e) => e.type)).toEqual([
      'deal.created',
      'deal.updated',
      'deal.updated',
      'deal.stage_changed',
      'deal.updated',
      'deal.stage_changed',
      'deal.closed',
      'deal.updated',
      'deal.stage_changed',
      'deal.deleted',
    ]);
    expect(events[0].payload).toMatchObject({ id, name: 'Evented', stage: 'prospecting', version: 1 });
    expect(events[3].payload).toMatchObject({ id, from_stage: 'prospecting', to_stage: 'negotiation', stage: 'negotiation', version: 3 });
    expect(events[6].payload).toMatchObject({ id, stage: 'won', close_reason: 'Signed', version: 4 });
    expect(events[6].payload.closed_at).toEqual(expect.any(String));
    expect(events[8].payload).toMatchObject({ from_stage: 'won', to_stage: 'proposal', closed_at: null });
    expect(events[9].payload).toEqual({ id });
    // One audit row per call, whatever the events.
    expect((await auditOf(org, id)).map((r) => r.action)).toEqual(['create', 'update', 'update', 'close', 'update', 'delete']);
  });
});
