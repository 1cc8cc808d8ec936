import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { prng } from '@clockwork/testing-support';

interface Row {
  category: string;
  currency: string | null;
  entries: number;
  seconds: number;
  hours: number;
  value: string;
}

/**
 * The leakage report against an independent raw-SQL computation over the raw entries: each
 * category written out on its own (an entry counts in the first it fits), each entry priced
 * with the most specific rate of its day picked by DISTINCT ON, money in exact cents.
 */
async function rawLeakage(db: DataSource, organizationId: string, from: string | null, to: string | null): Promise<Row[]> {
  const rows: { category: string; currency: string | null; entries: number; seconds: string; cents: string }[] = await db.query(
    `WITH entry AS (
       SELECT e.*, d.stage AS deal_stage, d.closed_at AS deal_closed_at, coalesce(e.account_id, d.account_id) AS client,
              (e.start_time AT TIME ZONE 'UTC')::date AS day
         FROM time_entries e LEFT JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
        WHERE e.organization_id = $1
          AND ($2::date IS NULL OR (e.start_time AT TIME ZONE 'UTC')::date >= $2::date)
          AND ($3::date IS NULL OR (e.start_time AT TIME ZONE 'UTC')::date < $3::date)),
     priced AS (
       SELECT DISTINCT ON (entry.id) entry.id, r.hourly_rate, r.currency
         FROM entry JOIN billing_rates r ON r.organization_id = entry.organization_id AND entry.day BETWEEN r.valid_from AND coalesce(r.valid_to, 'infinity'::date)
          AND CASE r.level WHEN 'deal_user' THEN r.deal_id = entry.deal_id AND r.user_id = entry.user_id WHEN 'deal' THEN r.deal_id = entry.deal_id
                           WHEN 'account' THEN r.account_id = entry.account_id WHEN 'user' THEN r.user_id = entry.user_id ELSE true END
        ORDER BY entry.id, r.precedence),
     lost AS (SELECT id FROM entry WHERE deal_stage = 'lost'),
     after_close AS (SELECT id FROM entry WHERE deal_stage = 'won' AND start_time >= deal_closed_at AND id NOT IN (SELECT id FROM lost)),
     non_billable AS (SELECT id FROM entry WHERE NOT billable AND deal_stage = 'won' AND id IN (SELECT id FROM priced)
                        AND id NOT IN (SELECT id FROM lost UNION ALL SELECT id FROM after_close)),
     invoiced AS (SELECT entry.id FROM entry
                   WHERE billable AND id NOT IN (SELECT id FROM lost UNION ALL SELECT id FROM after_close UNION ALL SELECT id FROM non_billable)
                     AND id NOT IN (SELECT x.time_entry_id FROM invoice_line_entries x JOIN invoices i ON i.organization_id = x.organization_id AND i.id = x.invoice_id WHERE x.organization_id = $1 AND i.status <> 'void')
                     AND EXISTS (SELECT 1 FROM invoices i WHERE i.organization_id = $1 AND i.status IN ('issued', 'paid') AND entry.day >= i.period_from AND entry.day <= i.period_to
                                    AND (i.deal_id = entry.deal_id OR (i.deal_id IS NULL AND i.account_id = entry.client)))),
     no_deal AS (SELECT id FROM entry WHERE deal_id IS NULL AND client IS NOT NULL
                    AND id NOT IN (SELECT id FROM invoiced)
                    AND client NOT IN (SELECT account_id FROM deals WHERE organization_id = $1 AND account_id IS NOT NULL AND stage NOT IN ('won', 'lost'))),
     tagged AS (SELECT id, 'lost_deal' AS category FROM lost UNION ALL SELECT id, 'closed_deal' FROM after_close UNION ALL SELECT id, 'non_billable' FROM non_billable
                UNION ALL SELECT id, 'invoiced_period' FROM invoiced UNION ALL SELECT id, 'no_open_deal' FROM no_deal)
     SELECT t.category, p.currency, count(*)::int AS entries, sum(e.duration_seconds)::text AS seconds,
            round(sum(e.duration_seconds * coalesce(p.hourly_rate, 0)) * 100 / 3600)::text AS cents
       FROM tagged t JOIN entry e ON e.id = t.id LEFT JOIN priced p ON p.id = t.id
      GROUP BY t.category, p.currency`,
    [organizationId, from, to],
  );
  return rows.map((r) => ({
    category: r.category,
    currency: r.currency,
    entries: r.entries,
    seconds: Number(r.seconds),
    hours: Math.round((Number(r.seconds) / 3600) * 100) / 100,
    value: (Number(r.cents) / 100).toFixed(2),
  }));
}

const order = ['lost_deal', 'closed_deal', 'non_billable', 'invoiced_period', 'no_open_deal'];
const sorted = (rows: Row[]) => [...rows].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || String(a.currency).localeCompare(String(b.currency)));

describe('insights: leakage equals the raw computation', () => {
  let app: INestApplication;
  let db: DataSource;
  let admin: SignedUp;
  const rand = prng(4242);
  const http = () => request(app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${admin.accessToken}` });
  const post = async (path: string, body: object, status = 201) => (await http().post(`/api/v1/${path}`).set(auth()).send(body).expect(status)).body;

  const insertEntries = async (entries: { deal_id: string | null; account_id: string | null; user_id: string | null; start: Date; seconds: number; billable: boolean }[]) => {
    await db.query(
      `INSERT INTO time_entries (organization_id, id, user_id, deal_id, account_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, billable)
       SELECT $1, gen_random_uuid(), user_id, deal_id, account_id, start_time, start_time + make_interval(secs => seconds), seconds, 'manual', 0.5, 'manual',
              CASE WHEN deal_id IS NULL AND account_id IS NULL THEN 'unmapped' ELSE 'mapped' END, billable
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::int[], $7::boolean[]) AS x(user_id, deal_id, account_id, start_time, seconds, billable)`,
      [admin.organizationId, entries.map((e) => e.user_id), entries.map((e) => e.deal_id), entries.map((e) => e.account_id), entries.map((e) => e.start.toISOString()), entries.map((e) => e.seconds), entries.map((e) => e.billable)],
    );
  };

  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
    admin = await signup(app, 'Leakage Org');
    const sales = await userWithRole(app, admin.accessToken, 'sales');
    const account = async (name: string) => (await post('accounts', { name })).id as string;
    const [withOpen, onlyWon, noDeals] = [await account('With open deal'), await account('Only a won deal'), await account('No deals')];
    const deal = async (body: object) => (await post('deals', body)).id as string;
    const open = await deal({ name: 'Open', account_id: withOpen, stage: 'negotiation', value: 1000 });
    const lost = await deal({ name: 'Lost', account_id: withOpen, stage: 'proposal', value: 2000 });
    const won = await deal({ name: 'Won', account_id: onlyWon, stage: 'negotiation', value: 3000 });
    const wonEur = await deal({ name: 'Won EUR', account_id: withOpen, stage: 'negotiation', value: 4000 });
    // Closed at chosen moments (inside the range of the entries).
    await db.query(`UPDATE deals SET stage = 'lost', closed_at = '2025-12-10T12:00:00Z' WHERE organization_id = $1 AND id = $2`, [admin.organizationId, lost]);
    await db.query(`UPDATE deals SET stage = 'won', closed_at = '2026-01-20T08:30:00Z' WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [admin.organizationId, [won, wonEur]]);
    await post('rates', { hourly_rate: '100.00', currency: 'USD', valid_from: '2025-01-01' });
    await post('rates', { deal_id: wonEur, hourly_rate: '80.33', currency: 'EUR', valid_from: '2025-01-01' });
    await post('rates', { user_id: sales.id, hourly_rate: '120.50', currency: 'USD', valid_from: '2025-12-15', valid_to: '2026-01-31' });
    await post('rates', { account_id: noDeals, hourly_rate: '95.10', currency: 'USD', valid_from: '2025-11-01' });
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const randomEntries = (n: number, from: number, days: number) =>
      Array.from({ length: n }, () => {
        const deal_id = pick([open, lost, won, wonEur, null, null]);
        return {
          deal_id,
          account_id: deal_id ? null : pick([withOpen, onlyWon, noDeals, null]),
          user_id: pick([sales.id, admin.userId, null]),
          start: new Date(from + rand() * days * 86_400_000),
          seconds: 60 + Math.floor(rand() * 4 * 3600),
          billable: rand() < 0.7,
        };
      });
    await insertEntries(randomEntries(300, Date.UTC(2025, 10, 1), 120));
    // Invoice December of the EUR deal and of the account with only a won deal, then log late time into those periods.
    for (const scope of [{ deal_id: wonEur, currency: 'EUR' }, { account_id: onlyWon, currency: 'USD' }]) {
      const invoice = await post('invoices', { ...scope, period_from: '2025-12-01', period_to: '2025-12-31', invoice_date: '2026-01-02' });
      await post(`invoices/${invoice.id}/issue`, {}, 200);
    }
    await insertEntries(
      randomEntries(80, Date.UTC(2025, 11, 1), 31).map((e, i) => ({ ...e, deal_id: i % 2 ? wonEur : won, account_id: null })),
    );
  });
  afterAll(() => app.close());

  for (const [from, to] of [
    [null, null],
    ['2025-12-01', '2026-01-01'],
    ['2026-01-15', '2026-03-01'],
    ['2025-11-20', null],
  ] as const) {
    it(`matches for ${from ?? 'the beginning'} .. ${to ?? 'now'}`, async () => {
      const res = await http().get('/api/v1/insights/leakage').query({ ...(from ? { date_from: from } : {}), ...(to ? { date_to: to } : {}) }).set(auth()).expect(200);
      const raw = sorted(await rawLeakage(db, admin.organizationId, from, to));
      expect(res.body.rows).toEqual(raw);
      expect(res.body.filters).toMatchObject({ date_from: from, date_to: to });
      if (from === null) expect(new Set(raw.map((r) => r.category))).toEqual(new Set(order));
    });
  }

  it('exports CSV like the other reports and names a bad filter', async () => {
    const csv = await http().get('/api/v1/insights/leakage').query({ format: 'csv' }).set(auth()).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0].trim()).toBe('category,currency,entries,seconds,hours,value');
    const bad = await http().get('/api/v1/insights/leakage').query({ date_from: '2026-02-30' }).set(auth()).expect(400);
    expect(JSON.stringify(bad.body)).toContain('date_from');
  });

  it('is for admins and managers', async () => {
    const support = await userWithRole(app, admin.accessToken, 'support');
    await http().get('/api/v1/insights/leakage').set('Authorization', `Bearer ${support.token}`).expect(403);
  });
});
