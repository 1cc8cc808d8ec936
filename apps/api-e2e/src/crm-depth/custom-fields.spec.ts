import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { createContact } from '../support/domains/contacts.domain';
import { createCustomField } from '../support/domains/custom-fields.domain';
import { createDeal } from '../support/domains/deals.domain';
import { createSavedView } from '../support/domains/saved-views.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { apiWithOrg } from '../support/api-with-org';

describe('custom fields', () => {
  const api = apiWithOrg('Fields Org');
  let stranger: SignedUp;
  let sales: { id: string; token: string };
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fieldsOf = (res: request.Response) => res.body.details.map((d: { field: string }) => d.field).sort();
  const count = async (table: string, org = api.admin) => Number((await api.db.query(`SELECT count(*) FROM ${table} WHERE organization_id = $1`, [org.organizationId]))[0].count);
  const stored = async (table: string, id: string) => (await api.db.query(`SELECT custom_fields FROM ${table} WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, id]))[0].custom_fields;

  beforeAll(async () => {
    stranger = await signup(api.app, 'Other Fields Org');
    sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    for (const f of [
      { key: 'budget_code', label: 'Budget code', type: 'text' },
      { key: 'region', label: 'Region', type: 'single_select', options: ['North', 'South'] },
      { key: 'channels', label: 'Channels', type: 'multi_select', options: ['web', 'phone', 'partner'] },
      { key: 'headcount', label: 'Headcount', type: 'number' },
      { key: 'fee', label: 'Fee', type: 'money' },
      { key: 'renewal', label: 'Renewal', type: 'date' },
      { key: 'signed', label: 'Signed', type: 'checkbox' },
      { key: 'site', label: 'Site', type: 'url' },
      { key: 'champion', label: 'Champion', type: 'user' },
    ]) {
      await createCustomField(api.app, api.admin, { record_type: 'deal', ...f });
    }
  });

  it('lists the fields to every role, in form order; only admins define them', async () => {
    const listed = (await http().get('/api/v1/custom-fields?record_type=deal').set(as(sales.token)).expect(200)).body.data;
    expect(listed.map((f: { key: string }) => f.key).sort()).toEqual(['budget_code', 'champion', 'channels', 'fee', 'headcount', 'region', 'renewal', 'signed', 'site']);
    await http().post('/api/v1/custom-fields').set(as(sales.token)).send({ record_type: 'deal', key: 'nope', label: 'Nope', type: 'text' }).expect(403);
    expect((await http().get('/api/v1/custom-fields?record_type=deal').set(as(stranger.accessToken)).expect(200)).body.data).toEqual([]);
  });

  it('refuses bad definitions naming the field', async () => {
    const noOptions = await http().post('/api/v1/custom-fields').set(as(api.admin.accessToken)).send({ record_type: 'deal', key: 'tier', label: 'Tier', type: 'single_select' }).expect(400);
    expect(fieldsOf(noOptions)).toEqual(['options']);
    const badKey = await http().post('/api/v1/custom-fields').set(as(api.admin.accessToken)).send({ record_type: 'deal', key: 'Bad Key', label: 'X', type: 'text' }).expect(400);
    expect(fieldsOf(badKey)).toEqual(['key']);
    const taken = await http().post('/api/v1/custom-fields').set(as(api.admin.accessToken)).send({ record_type: 'deal', key: 'region', label: 'Again', type: 'text' }).expect(409);
    expect(taken.body.details[0].field).toBe('key');
  });

  it('stores every type on a deal, checked and normalized, with its audit diff and event', async () => {
    const values = { budget_code: '  BC-42 ', region: 'North', channels: ['web', 'partner', 'web'], headcount: 12, fee: 1250.5, renewal: '2027-02-28', signed: true, site: 'https://acme.test/deal', champion: sales.id };
    const res = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Typed', custom_fields: values }).expect(201);
    const expected = { ...values, budget_code: 'BC-42', channels: ['web', 'partner'] };
    expect(res.body.custom_fields).toEqual(expected);
    expect(await stored('deals', res.body.id)).toEqual(expected);
    const [audit] = await api.db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'create'`, [api.admin.organizationId, res.body.id]);
    expect(audit.changes.custom_fields).toEqual({ from: null, to: expected });
    const events = await openPayloads(api.app, await api.db.query(`SELECT organization_id AS _org, id AS _id, type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2`, [api.admin.organizationId, res.body.id]));
    expect(events[0]).toMatchObject({ type: 'deal.created', payload: { custom_fields: expected } });

    // PATCH changes only the keys sent; null clears one.
    const patched = await http().patch(`/api/v1/deals/${res.body.id}`).set(as(api.admin.accessToken)).send({ custom_fields: { region: 'South', site: null } }).expect(200);
    const { site: _site, ...rest } = expected;
    expect(patched.body.custom_fields).toEqual({ ...rest, region: 'South' });
    const [update] = await api.db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'update'`, [api.admin.organizationId, res.body.id]);
    expect(update.changes.custom_fields).toEqual({ from: expected, to: { ...rest, region: 'South' } });
  });

  it('answers bad values with a 400 naming custom_fields.<key> and writes nothing', async () => {
    const deal = await createDeal(api.app, api.admin, { name: 'Untouched', custom_fields: { budget_code: 'KEEP' } });
    const [deals, audits] = [await count('deals'), await count('audit_logs')];
    const strangerUser = stranger.userId;
    const cases: [Record<string, unknown>, string][] = [
      [{ nope: 'x' }, 'custom_fields.nope'],
      [{ budget_code: 42 }, 'custom_fields.budget_code'],
      [{ region: 'East' }, 'custom_fields.region'],
      [{ channels: ['web', 'fax'] }, 'custom_fields.channels'],
      [{ headcount: '12' }, 'custom_fields.headcount'],
      [{ fee: 10.005 }, 'custom_fields.fee'],
      [{ renewal: '2027-02-30' }, 'custom_fields.renewal'],
      [{ signed: 'yes' }, 'custom_fields.signed'],
      [{ site: 'javascript:alert(1)' }, 'custom_fields.site'],
      [{ champion: strangerUser }, 'custom_fields.champion'],
    ];
    for (const [custom_fields, field] of cases) {
      const created = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Bad', custom_fields }).expect(400);
      expect({ field, got: fieldsOf(created) }).toEqual({ field, got: [field] });
      const patched = await http().patch(`/api/v1/deals/${deal}`).set(as(api.admin.accessToken)).send({ name: 'Renamed', custom_fields }).expect(400);
      expect({ field, got: fieldsOf(patched) }).toEqual({ field, got: [field] });
    }
    const several = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Bad', custom_fields: { nope: 1, region: 'East' } }).expect(400);
    expect(fieldsOf(several)).toEqual(['custom_fields.nope', 'custom_fields.region']);
    const notObject = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Bad', custom_fields: ['x'] }).expect(400);
    expect(fieldsOf(notObject)).toEqual(['custom_fields']);
    expect([await count('deals'), await count('audit_logs')]).toEqual([deals, audits]);
    const [row] = await api.db.query('SELECT name, custom_fields FROM deals WHERE organization_id = $1 AND id = $2', [api.admin.organizationId, deal]);
    expect(row).toEqual({ name: 'Untouched', custom_fields: { budget_code: 'KEEP' } });
  });

  it('requires a required field on create and PUT, and refuses clearing it on PATCH', async () => {
    const field = await createCustomField(api.app, api.admin, { record_type: 'task', key: 'ticket', label: 'Ticket', type: 'text', required: true });
    const missing = await http().post('/api/v1/tasks').set(as(api.admin.accessToken)).send({ title: 'No ticket' }).expect(400);
    expect(fieldsOf(missing)).toEqual(['custom_fields.ticket']);
    const task = (await http().post('/api/v1/tasks').set(as(api.admin.accessToken)).send({ title: 'Ticketed', custom_fields: { ticket: 'T-1' } }).expect(201)).body;
    await http().patch(`/api/v1/tasks/${task.id}`).set(as(api.admin.accessToken)).send({ title: 'Still ticketed' }).expect(200);
    const cleared = await http().patch(`/api/v1/tasks/${task.id}`).set(as(api.admin.accessToken)).send({ custom_fields: { ticket: null } }).expect(400);
    expect(fieldsOf(cleared)).toEqual(['custom_fields.ticket']);
    expect(await stored('tasks', task.id)).toEqual({ ticket: 'T-1' });
    await http().patch(`/api/v1/custom-fields/${field.id}`).set(as(api.admin.accessToken)).send({ required: false }).expect(200);
  });

  it('keeps the data through a rename, hides a deleted field from writes and restores it with its values', async () => {
    const field = await createCustomField(api.app, api.admin, { record_type: 'contact', key: 'nickname', label: 'Nickname', type: 'text' });
    const contact = await createContact(api.app, api.admin, { first_name: 'Ann', custom_fields: { nickname: 'Annie' } });
    await http().patch(`/api/v1/custom-fields/${field.id}`).set(as(api.admin.accessToken)).send({ label: 'Known as' }).expect(200);
    expect((await http().get(`/api/v1/contacts/${contact}`).set(as(api.admin.accessToken)).expect(200)).body.custom_fields).toEqual({ nickname: 'Annie' });

    await http().delete(`/api/v1/custom-fields/${field.id}`).set(as(api.admin.accessToken)).expect(204);
    const live = (await http().get('/api/v1/custom-fields?record_type=contact').set(as(api.admin.accessToken)).expect(200)).body.data;
    expect(live.map((f: { id: string }) => f.id)).not.toContain(field.id);
    const deleted = (await http().get('/api/v1/custom-fields?record_type=contact&deleted=true').set(as(api.admin.accessToken)).expect(200)).body.data;
    expect(deleted).toEqual([expect.objectContaining({ id: field.id, deleted_at: expect.any(String) })]);
    const refused = await http().patch(`/api/v1/contacts/${contact}`).set(as(api.admin.accessToken)).send({ custom_fields: { nickname: 'Nan' } }).expect(400);
    expect(fieldsOf(refused)).toEqual(['custom_fields.nickname']);
    // A full replace keeps the deleted field's value, so the restore brings it back.
    await http().put(`/api/v1/contacts/${contact}`).set(as(api.admin.accessToken)).send({ first_name: 'Ann' }).expect(200);
    expect(await stored('contacts', contact)).toEqual({ nickname: 'Annie' });

    const restored = await http().post(`/api/v1/custom-fields/${field.id}/restore`).set(as(api.admin.accessToken)).expect(200);
    expect(restored.body).toMatchObject({ key: 'nickname', label: 'Known as', deleted_at: null });
    await http().patch(`/api/v1/contacts/${contact}`).set(as(api.admin.accessToken)).send({ custom_fields: { nickname: 'Nan' } }).expect(200);
    await http().post(`/api/v1/custom-fields/${field.id}/restore`).set(as(api.admin.accessToken)).expect(404);

    // Past 30 days the restore is refused, and housekeeping's purge is what frees the key.
    await http().delete(`/api/v1/custom-fields/${field.id}`).set(as(api.admin.accessToken)).expect(204);
    await api.db.query(`UPDATE custom_field_definitions SET deleted_at = now() - interval '31 days' WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, field.id]);
    await http().post(`/api/v1/custom-fields/${field.id}/restore`).set(as(api.admin.accessToken)).expect(404);
  });

  it('filters lists by cf.<key>, over the GIN index, and saves the filter in a view', async () => {
    await createCustomField(api.app, api.admin, { record_type: 'contact', key: 'tier', label: 'Tier', type: 'single_select', options: ['gold', 'silver'] });
    await createCustomField(api.app, api.admin, { record_type: 'contact', key: 'vip', label: 'VIP', type: 'checkbox' });
    await createCustomField(api.app, api.admin, { record_type: 'contact', key: 'seats', label: 'Seats', type: 'number' });
    const rows: [string, Record<string, unknown>][] = [
      ['G1', { tier: 'gold', vip: true, seats: 10 }],
      ['G2', { tier: 'gold', vip: false, seats: 10 }],
      ['S1', { tier: 'silver', vip: true, seats: 5 }],
      ['N1', {}],
    ];
    for (const [first_name, custom_fields] of rows) await createContact(api.app, api.admin, { first_name, custom_fields });
    const names = async (query: string) => (await http().get(`/api/v1/contacts?${query}`).set(as(api.admin.accessToken)).expect(200)).body.data.map((c: { first_name: string }) => c.first_name).sort();
    const bySql = async (where: string) =>
      (await api.db.query(`SELECT first_name FROM contacts WHERE organization_id = $1 AND ${where} ORDER BY first_name`, [api.admin.organizationId])).map((r: { first_name: string }) => r.first_name);

    expect(await names('cf.tier=gold&cf.vip=true')).toEqual(await bySql(`custom_fields->>'tier' = 'gold' AND custom_fields->>'vip' = 'true'`));
    expect(await names('cf.tier=gold&cf.vip=true')).toEqual(['G1']);
    expect(await names('cf.seats=10')).toEqual(await bySql(`(custom_fields->>'seats')::numeric = 10`));
    expect(await names('cf.vip=false&q=G2')).toEqual(['G2']);

    const unknown = await http().get('/api/v1/contacts?cf.nope=1').set(as(api.admin.accessToken)).expect(400);
    expect(fieldsOf(unknown)).toEqual(['cf.nope']);
    const notOption = await http().get('/api/v1/contacts?cf.tier=bronze').set(as(api.admin.accessToken)).expect(400);
    expect(fieldsOf(notOption)).toEqual(['cf.tier']);
    const notNumber = await http().get('/api/v1/contacts?cf.seats=many').set(as(api.admin.accessToken)).expect(400);
    expect(fieldsOf(notNumber)).toEqual(['cf.seats']);

    // The containment the filters become is one the GIN index answers (a few rows here: seq scans off to see it).
    const plan = await api.db.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return (await m.query(`EXPLAIN SELECT id FROM contacts WHERE custom_fields @> '{"tier":"gold","vip":true}'`)).map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('contacts_custom_fields_idx');
    // Its estimate comes from 1,000 most common values, so a rare pair on 1M rows gets the bitmap, not a walk of the sort index.
    const targets = await api.db.query(`SELECT attrelid::regclass::text AS t, attstattarget AS n FROM pg_attribute WHERE attname = 'custom_fields' AND attrelid IN (SELECT oid FROM pg_class WHERE relkind = 'r') ORDER BY 1`);
    expect(targets).toEqual(['accounts', 'contacts', 'deals', 'tasks'].map((t) => ({ t, n: 1000 })));

    const view = await createSavedView(api.app, api.admin, { list: 'contacts', name: 'Gold VIPs', filters: { 'cf.tier': 'gold', 'cf.vip': 'true' } });
    expect(view.filters).toEqual({ 'cf.tier': 'gold', 'cf.vip': 'true' });
    await http().post('/api/v1/saved-views').set(as(api.admin.accessToken)).send({ list: 'invoices', name: 'Nope', filters: { 'cf.tier': 'gold' } }).expect(400);
  });

  it('exports custom fields in the CSV of a list', async () => {
    await createCustomField(api.app, api.admin, { record_type: 'account', key: 'segment', label: 'Segment', type: 'text' });
    const res = await http().post('/api/v1/accounts').set(as(api.admin.accessToken)).send({ name: 'Segmented', custom_fields: { segment: 'SMB' } }).expect(201);
    const csv = (await http().get('/api/v1/accounts?format=csv&cf.segment=SMB').set(as(api.admin.accessToken)).expect(200)).text;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ id: res.body.id, custom_fields: '{"segment":"SMB"}' })]);
  });
});
