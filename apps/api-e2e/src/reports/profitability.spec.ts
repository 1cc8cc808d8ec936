import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { binary, pdfText } from '../billing/billing-http';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { pick, postEntries, prng, randomEntries, Seeded, seedRecords } from './report-data';
import { ProfitGroup, rawProfitability, RawProfitRow } from './raw-profitability';
import type { RawQuery } from './raw-reports';

/**
 * The profitability report reads the priced span rollups (or, with a filter their table cannot
 * apply, prices the daily rollups with the rates of each day); these tests hold every row to an
 * independent raw-SQL computation over the raw entries (raw-profitability.ts), exact to the cent, on random data (seeded PRNG) with hourly rates of
 * every level, cost rates per user and per role that change over time, two currencies, issued,
 * paid, draft and void invoices, after edits, re-mapping, rate changes (hourly and cost rates
 * edited, added and deleted after the fact, a role change) and deletes.
 */
describe('profitability report equals the raw computation', () => {
  let app: INestApplication;
  let db: DataSource;
  let admin: SignedUp;
  let seeded: Seeded;
  const rand = prng(20261206);
  const http = () => request(app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${admin.accessToken}` });
  const post = async (path: string, body: Record<string, unknown>) => (await http().post(`/api/v1/${path}`).set(auth()).send(body).expect(201)).body;
  const costRates: Record<string, string> = {};
  const rates: Record<string, string> = {};

  const variants = (): RawQuery[] => [
    {},
    { date_from: '2025-11-01', date_to: '2026-01-15' },
    { date_from: '2025-12-01', date_to: '2026-01-01' },
    { date_from: '2026-01-01' },
    { date_to: '2025-11-20' },
    { date_from: '2025-10-31', date_to: '2025-11-01' },
    { deal_id: seeded.deals[0].id },
    { account_id: seeded.accounts[1], date_from: '2025-10-15', date_to: '2026-02-01' },
    { user_id: seeded.users[0] },
  ];

  const key = (r: { key_id: string | null; currency: string | null }) => `${r.key_id}|${r.currency}`;

  async function expectMatches(): Promise<number> {
    let compared = 0;
    for (const group of ['deal', 'account', 'user'] as ProfitGroup[]) {
      for (const q of variants()) {
        const res = await http().get('/api/v1/reports/profitability').query({ ...q, group_by: group }).set(auth()).expect(200);
        const raw = await rawProfitability(db, admin.organizationId, group, q);
        const api = new Map<string, RawProfitRow>(res.body.rows.map((r: RawProfitRow & { name: string | null }) => [key(r), r]));
        expect([...api.keys()].sort()).toEqual(raw.map(key).sort());
        for (const expected of raw) {
          const { key_id, currency, billable_seconds, costed_seconds, billable_value, invoiced_value, cost, margin, margin_percent } = api.get(key(expected)) as RawProfitRow;
          expect({ key_id, currency, billable_seconds, costed_seconds, billable_value, invoiced_value, cost, margin, margin_percent }).toEqual(expected);
          compared++;
        }
        for (const total of res.body.totals) {
          const of = raw.filter((r) => r.currency === total.currency);
          const cents = (f: (r: RawProfitRow) => string) => of.reduce((s, r) => s + Math.round(Number(f(r)) * 100), 0);
          expect(Math.round(Number(total.billable_value) * 100)).toBe(cents((r) => r.billable_value));
          expect(Math.round(Number(total.cost) * 100)).toBe(cents((r) => r.cost));
          expect(Math.round(Number(total.invoiced_value) * 100)).toBe(cents((r) => r.invoiced_value));
        }
      }
    }
    return compared;
  }

  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
    admin = await signup(app, 'Profit Org');
    seeded = await seedRecords(app, admin.organizationId, rand);
    // Two of the four people are support, the others sales (roles pick the role cost rates).
    await db.query(`UPDATE users SET role = 'support' WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [admin.organizationId, seeded.users.slice(2)]);
    // Hourly rates of every level, one in EUR, one ending and one starting inside the range.
    rates['organization'] = (await post('rates', { hourly_rate: '100.00', currency: 'USD', valid_from: '2025-01-01' })).id;
    rates['account'] = (await post('rates', { account_id: seeded.accounts[1], hourly_rate: '150.00', currency: 'USD', valid_from: '2025-11-15' })).id;
    await post('rates', { deal_id: seeded.deals[2].id, hourly_rate: '90.33', currency: 'EUR', valid_from: '2025-01-01' });
    rates['dealUser'] = (await post('rates', { deal_id: seeded.deals[0].id, user_id: seeded.users[1], hourly_rate: '175.55', currency: 'USD', valid_from: '2025-12-01', valid_to: '2026-01-31' })).id;
    await post('rates', { user_id: seeded.users[3], hourly_rate: '80.01', currency: 'USD', valid_from: '2025-01-01' });
    await post('exchange-rates', { base_currency: 'EUR', quote_currency: 'USD', rate: '1.0825', rate_date: '2025-01-01' });
    // Cost rates: the sales role changes on 2026-01-01, one person has their own from 2025-11-01,
    // support costs in EUR, admins (and time of no user) have none.
    costRates['sales2025'] = (await post('cost-rates', { role: 'sales', hourly_cost: '40.00', currency: 'USD', valid_from: '2025-01-01', valid_to: '2025-12-31' })).id;
    costRates['sales2026'] = (await post('cost-rates', { role: 'sales', hourly_cost: '45.57', currency: 'USD', valid_from: '2026-01-01' })).id;
    costRates['own'] = (await post('cost-rates', { user_id: seeded.users[0], hourly_cost: '55.25', currency: 'USD', valid_from: '2025-11-01' })).id;
    costRates['support'] = (await post('cost-rates', { role: 'support', hourly_cost: '30.13', currency: 'EUR', valid_from: '2025-01-01' })).id;
    await postEntries(app, admin.accessToken, randomEntries(rand, seeded, 600, 'p'));
    await postEntries(app, admin.accessToken, randomEntries(prng(5), seeded, 80, 'p').map((e) => ({ ...e, updated_at: '2026-02-01T00:00:00.000Z' })));
    // Invoices: one issued, one paid, one draft and one void (only issued and paid count).
    const invoice = async (body: Record<string, unknown>, then: string[]) => {
      const created = await post('invoices', { currency: 'USD', tax_rate_percent: '10', ...body });
      for (const action of then) await http().post(`/api/v1/invoices/${created.id}/${action}`).set(auth()).send(action === 'void' ? { reason: 'test' } : {}).expect(200);
    };
    await invoice({ account_id: seeded.accounts[1], period_from: '2025-10-01', period_to: '2025-11-30', invoice_date: '2025-12-10' }, ['issue']);
    await invoice({ account_id: seeded.accounts[2], period_from: '2025-10-01', period_to: '2025-10-31', invoice_date: '2025-11-05' }, ['issue', 'pay']);
    await invoice({ account_id: seeded.accounts[2], period_from: '2025-11-01', period_to: '2025-11-30', invoice_date: '2025-12-02' }, []);
    await invoice({ account_id: seeded.accounts[1], period_from: '2025-12-01', period_to: '2025-12-31', invoice_date: '2026-01-03' }, ['void']);
  }, 120_000);
  afterAll(() => app.close());

  it('after ingestion and invoicing', async () => {
    const [{ issued }] = await db.query(`SELECT count(*)::int AS issued FROM invoices WHERE organization_id = $1 AND status IN ('issued', 'paid')`, [admin.organizationId]);
    expect(issued).toBe(2);
    expect(await expectMatches()).toBeGreaterThan(150);
    // The data covers what the report must get right: invoiced money, both currencies, time no cost rate covers, a negative margin.
    const res = await http().get('/api/v1/reports/profitability').query({ group_by: 'user' }).set(auth()).expect(200);
    const rows: RawProfitRow[] = res.body.rows;
    expect(rows.some((r) => r.invoiced_value !== '0.00')).toBe(true);
    expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD', 'EUR', null]));
    expect(rows.some((r) => r.currency === 'EUR' && r.margin.startsWith('-'))).toBe(true);
  });

  it('after edits, re-mapping and rate changes', async () => {
    const free: { id: string }[] = await db.query(
      `SELECT e.id FROM time_entries e WHERE e.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM invoice_line_entries c WHERE c.organization_id = e.organization_id AND c.time_entry_id = e.id) ORDER BY e.id LIMIT 60`,
      [admin.organizationId],
    );
    for (const { id } of free.slice(0, 20)) {
      const start = Date.parse('2025-12-31T22:00:00Z') + Math.floor(rand() * 6) * 3600_000;
      await http().patch(`/api/v1/time-entries/${id}`).set(auth()).send({ start_time: new Date(start).toISOString(), end_time: new Date(start + 4321_000).toISOString(), duration_seconds: 4321, billable: rand() < 0.5 }).expect(200);
    }
    for (const { id } of free.slice(20, 40)) await http().post(`/api/v1/time-entries/${id}/assign`).set(auth()).send({ deal_id: pick(rand, seeded.deals).id }).expect(200);
    await http().patch(`/api/v1/cost-rates/${costRates['sales2026']}`).set(auth()).send({ hourly_cost: '47.77' }).expect(200);
    await http().patch(`/api/v1/cost-rates/${costRates['own']}`).set(auth()).send({ valid_to: '2025-12-15' }).expect(200);
    expect(await expectMatches()).toBeGreaterThan(150);
  });

  it('after hourly rates change after the fact: a new effective-dated rate, an edited, a deleted one and a role change', async () => {
    const priced = async () =>
      (await db.query(`SELECT coalesce(sum(value_rate_seconds), 0)::text AS v FROM time_rollups_priced_by_deal WHERE organization_id = $1 AND span = 1`, [admin.organizationId]))[0].v;
    const before = await priced();
    // The organization's rate ends mid-December and a new one (in EUR) takes over after it.
    await http().patch(`/api/v1/rates/${rates['organization']}`).set(auth()).send({ valid_to: '2025-12-20' }).expect(200);
    await post('rates', { hourly_rate: '111.11', currency: 'EUR', valid_from: '2025-12-21' });
    await http().patch(`/api/v1/rates/${rates['dealUser']}`).set(auth()).send({ hourly_rate: '181.81' }).expect(200);
    await http().delete(`/api/v1/rates/${rates['account']}`).set(auth()).expect(204);
    // A new deal rate starting inside the range, for time already rolled up.
    await post('rates', { deal_id: seeded.deals[1].id, hourly_rate: '123.45', currency: 'USD', valid_from: '2025-12-10' });
    // A support person becomes sales: the role's cost rates price all of their time.
    await http().patch(`/api/v1/users/${seeded.users[2]}`).set(auth()).send({ role: 'sales' }).expect(200);
    expect(await priced()).not.toBe(before);
    expect(await expectMatches()).toBeGreaterThan(150);
    // The rollup check finds the priced rollups equal to the entries priced at the rates in effect now.
    const check = await http().post('/api/v1/reports/rollups/check').set(auth()).send({ date_from: '2025-08-01', date_to: '2026-05-01' }).expect(200);
    expect(check.body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, price_differing_keys: 0 });
  });

  it('after deleting entries, a cost rate and a deal', async () => {
    const free: { id: string }[] = await db.query(
      `SELECT e.id FROM time_entries e WHERE e.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM invoice_line_entries c WHERE c.organization_id = e.organization_id AND c.time_entry_id = e.id) ORDER BY e.id DESC LIMIT 25`,
      [admin.organizationId],
    );
    for (const { id } of free) await http().delete(`/api/v1/time-entries/${id}`).set(auth()).expect(204);
    await http().delete(`/api/v1/cost-rates/${costRates['support']}`).set(auth()).expect(204);
    const [deletable]: { id: string }[] = await db.query(
      `SELECT d.id FROM deals d WHERE d.organization_id = $1 AND EXISTS (SELECT 1 FROM time_entries e WHERE e.organization_id = d.organization_id AND e.deal_id = d.id)
          AND NOT EXISTS (SELECT 1 FROM time_entries e JOIN invoice_line_entries c ON c.organization_id = e.organization_id AND c.time_entry_id = e.id WHERE e.organization_id = d.organization_id AND e.deal_id = d.id)
        ORDER BY d.id LIMIT 1`,
      [admin.organizationId],
    );
    expect(deletable).toBeDefined();
    await http().delete(`/api/v1/deals/${deletable.id}`).set(auth()).expect(204);
    expect(await expectMatches()).toBeGreaterThan(100);
    const check = await http().post('/api/v1/reports/rollups/check').set(auth()).send({ date_from: '2025-08-01', date_to: '2026-05-01' }).expect(200);
    expect(check.body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, price_differing_keys: 0 });
  });

  it('exports CSV and PDF with the same figures', async () => {
    const json = await http().get('/api/v1/reports/profitability').query({ group_by: 'account' }).set(auth()).expect(200);
    const csv = await http().get('/api/v1/reports/profitability').query({ group_by: 'account', format: 'csv' }).set(auth()).expect(200);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('key_id,name,currency,billable_seconds,costed_seconds,billable_value,invoiced_value,cost,margin,margin_percent');
    expect(lines.length).toBe(json.body.rows.length + 1);
    const first = json.body.rows[0];
    expect(lines[1]).toContain(`,${first.billable_value},${first.invoiced_value},${first.cost},${first.margin},`);
    const pdf = await http().get('/api/v1/reports/profitability').query({ group_by: 'account', format: 'pdf' }).set(auth()).buffer(true).parse(binary).expect(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Profitability per client');
    expect(text).toContain(first.margin);
  });

  it('validates, refuses overlaps and keeps cost and margin from sales and support', async () => {
    const bad = await http().get('/api/v1/reports/profitability').query({ group_by: 'month' }).set(auth()).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['group_by']);
    const both = await http().post('/api/v1/cost-rates').set(auth()).send({ user_id: seeded.users[1], role: 'sales', hourly_cost: '1', currency: 'USD', valid_from: '2026-01-01' }).expect(400);
    expect(both.body.details[0].field).toBe('user_id');
    const money = await http().post('/api/v1/cost-rates').set(auth()).send({ role: 'manager', hourly_cost: '-3', currency: 'USD', valid_from: '2026-01-01' }).expect(400);
    expect(money.body.details[0].field).toBe('hourly_cost');
    const patch = await http().patch(`/api/v1/cost-rates/${costRates['sales2026']}`).set(auth()).send({ hourly_cost: '1.234', role: 'admin' }).expect(400);
    expect(patch.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['hourly_cost', 'role']);
    const overlap = await http().post('/api/v1/cost-rates').set(auth()).send({ role: 'sales', hourly_cost: '50.00', currency: 'USD', valid_from: '2026-06-01' }).expect(409);
    expect(overlap.body.message).toMatch(/overlapping period/);
    for (const role of ['sales', 'support']) {
      const user = await userWithRole(app, admin.accessToken, role);
      const as = { Authorization: `Bearer ${user.token}` };
      await http().get('/api/v1/cost-rates').set(as).expect(403);
      await http().get('/api/v1/reports/profitability').query({ group_by: 'deal' }).set(as).expect(403);
      if (role === 'sales') {
        const deal = await http().get(`/api/v1/deals/${seeded.deals[0].id}`).set(as).expect(200);
        expect(JSON.stringify(deal.body)).not.toMatch(/cost|margin/);
      }
    }
  });
});
