import { prng } from '@clockwork/testing-support';
import { userWithRole } from '../support/org-fixture';
import { billingClient, entryOn } from './billing-http';
import { apiWithOrg } from '../support/api-with-org';

interface Rate {
  id: string;
  level: string;
  deal_id: string | null;
  user_id: string | null;
  account_id: string | null;
  hourly_rate: string;
  currency: string;
  valid_from: string;
  valid_to: string | null;
}
interface Entry {
  id: string;
  deal: string;
  user: string;
  day: string;
  seconds: number;
  billable: boolean;
}

const PRECEDENCE = ['deal_user', 'deal', 'account', 'user', 'organization'];

/**
 * Invoice amounts against an independent computation: the test resolves each entry's rate
 * itself, groups the lines, and lets PostgreSQL's numeric do the arithmetic (round half up at
 * 2 decimals), on randomized entries in three currencies.
 */
describe('invoice amounts', () => {
  const seed = Number(process.env.BILLING_SEED ?? Date.now() % 100000);
  const random = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const org = apiWithOrg('Amounts Org');
  let api: ReturnType<typeof billingClient>;
  let account: string;
  const rates: Rate[] = [];
  const fx: Record<string, { rate: string; rate_date: string }> = { EUR: { rate: '1.0850000000', rate_date: '2026-03-31' }, GBP: { rate: '1.2701000000', rate_date: '2026-03-20' } };

  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
  });

  /** The test's own rate resolution: most specific level in effect on the day. */
  const rateOf = (e: Entry): Rate => {
    const applies = rates.filter(
      (r) =>
        r.valid_from <= e.day &&
        (!r.valid_to || r.valid_to >= e.day) &&
        ((r.level === 'deal_user' && r.deal_id === e.deal && r.user_id === e.user) ||
          (r.level === 'deal' && r.deal_id === e.deal) ||
          (r.level === 'account' && r.account_id === account) ||
          (r.level === 'user' && r.user_id === e.user) ||
          r.level === 'organization'),
    );
    return applies.sort((a, b) => PRECEDENCE.indexOf(a.level) - PRECEDENCE.indexOf(b.level))[0];
  };

  async function expected(entries: Entry[], taxPercent: string) {
    const groups = new Map<string, { deal_id: string; user_id: string; rate: Rate; seconds: number; ids: string[] }>();
    for (const e of entries.filter((x) => x.billable)) {
      const rate = rateOf(e);
      const key = `${e.deal}|${e.user}|${rate.id}`;
      const g = groups.get(key) ?? { deal_id: e.deal, user_id: e.user, rate, seconds: 0, ids: [] };
      g.seconds += e.seconds;
      g.ids.push(e.id);
      groups.set(key, g);
    }
    const list = [...groups.values()];
    const amounts: { amount: string }[] = await org.db.query(
      `SELECT round((s::numeric * r::numeric * x::numeric)::numeric(40, 20) / 3600, 2)::text AS amount
         FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS t(s, r, x, n) ORDER BY n`,
      [list.map((g) => g.seconds), list.map((g) => g.rate.hourly_rate), list.map((g) => (g.rate.currency === 'USD' ? '1' : fx[g.rate.currency].rate))],
    );
    const lines = list.map((g, i) => ({
      deal_id: g.deal_id,
      user_id: g.user_id,
      hourly_rate: g.rate.hourly_rate,
      rate_currency: g.rate.currency,
      rate_level: g.rate.level,
      seconds: g.seconds,
      exchange_rate: g.rate.currency === 'USD' ? '1.0000000000' : fx[g.rate.currency].rate,
      exchange_rate_date: g.rate.currency === 'USD' ? null : fx[g.rate.currency].rate_date,
      amount: amounts[i].amount,
      time_entry_ids: [...g.ids].sort(),
    }));
    const [totals] = await org.db.query(
      `SELECT s::text AS subtotal, round(s * $2::numeric / 100, 2)::text AS tax_amount, (s + round(s * $2::numeric / 100, 2))::text AS total
         FROM (SELECT coalesce(sum(a::numeric), 0)::numeric(18, 2) AS s FROM unnest($1::text[]) AS a) x`,
      [lines.map((l) => l.amount), taxPercent],
    );
    return { lines, totals };
  }

  const comparable = (lines: Record<string, unknown>[]) =>
    lines
      .map(({ deal_id, user_id, hourly_rate, rate_currency, rate_level, seconds, exchange_rate, exchange_rate_date, amount, time_entry_ids }) => ({
        deal_id, user_id, hourly_rate, rate_currency, rate_level, seconds, exchange_rate, exchange_rate_date, amount, time_entry_ids: [...(time_entry_ids as string[])].sort(),
      }))
      .sort((a, b) => `${a.deal_id}${a.user_id}${a.hourly_rate}`.localeCompare(`${b.deal_id}${b.user_id}${b.hourly_rate}`));

  it(`matches the independent computation to the cent, converting with the stored rate of the invoice date (seed ${seed})`, async () => {
    account = await api.account('Multi-currency client');
    const deals = [await api.deal('Alpha', account), await api.deal('Beta', account), await api.deal('Gamma', account), await api.deal('Delta', account)];
    const users = [org.admin.userId, (await userWithRole(org.app, org.admin.accessToken, 'sales')).id, (await userWithRole(org.app, org.admin.accessToken, 'manager')).id];
    const cents = () => `${Math.floor(random() * 200) + 20}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    const add = async (body: Record<string, unknown>) => rates.push(await api.rate(body));
    await add({ hourly_rate: cents(), currency: 'USD' });
    await add({ account_id: account, hourly_rate: cents(), currency: 'USD', valid_from: '2026-03-20' });
    await add({ deal_id: deals[0], hourly_rate: cents(), currency: 'EUR' });
    await add({ deal_id: deals[1], user_id: users[1], hourly_rate: cents(), currency: 'GBP' });
    await add({ user_id: users[2], hourly_rate: cents(), currency: 'USD', valid_to: '2026-03-14' });
    await add({ user_id: users[2], hourly_rate: cents(), currency: 'EUR', valid_from: '2026-03-15' });
    await api.exchangeRate({ base_currency: 'EUR', quote_currency: 'USD', rate: '1.0812', rate_date: '2026-03-01' });
    await api.exchangeRate({ base_currency: 'EUR', quote_currency: 'USD', rate: fx.EUR.rate, rate_date: fx.EUR.rate_date });
    await api.exchangeRate({ base_currency: 'EUR', quote_currency: 'USD', rate: '1.2000', rate_date: '2026-04-05' });
    await api.exchangeRate({ base_currency: 'GBP', quote_currency: 'USD', rate: fx.GBP.rate, rate_date: fx.GBP.rate_date });
    await api.exchangeRate({ base_currency: 'USD', quote_currency: 'EUR', rate: '0.9', rate_date: '2026-03-31' });

    const entries: Entry[] = Array.from({ length: 240 }, () => ({
      id: '',
      deal: pick(deals),
      user: pick(users),
      day: `2026-03-${String(1 + Math.floor(random() * 31)).padStart(2, '0')}`,
      seconds: 1 + Math.floor(random() * 14_000),
      billable: random() < 0.85,
    }));
    const ids = await api.entries(entries.map((e) => entryOn(e.day, e.seconds, { deal_id: e.deal, user_id: e.user, billable: e.billable })));
    ids.forEach((id, i) => (entries[i].id = id));
    // Outside the invoice: another month, another account, unmapped time.
    await api.entries([entryOn('2026-04-01', 3600, { deal_id: deals[0], user_id: users[0] }), entryOn('2026-03-05', 3600, { deal_id: await api.deal('Elsewhere', null) }), entryOn('2026-03-05', 3600, { project_name: 'Nobody knows' })]);

    const invoice = (await api.invoice({ account_id: account, invoice_date: '2026-04-01', tax_rate_percent: '19' }).expect(201)).body;
    const want = await expected(entries, '19');
    expect(comparable(invoice.lines)).toEqual(comparable(want.lines));
    expect({ subtotal: invoice.subtotal, tax_amount: invoice.tax_amount, total: invoice.total }).toEqual(want.totals);
    const usedCurrencies = new Set(want.lines.map((l) => l.rate_currency).filter((c) => c !== 'USD'));
    expect([...invoice.exchange_rates].sort((a, b) => a.base_currency.localeCompare(b.base_currency))).toEqual(
      [...usedCurrencies].sort().map((c) => ({ base_currency: c, quote_currency: 'USD', rate: fx[c].rate, rate_date: fx[c].rate_date })),
    );

    // Every entry is on the invoice now: the same scope has nothing left to bill.
    await api.invoice({ account_id: account, invoice_date: '2026-04-01' }).expect(422);
    // Voided, entries edited and billed again: still exact.
    await api.move(invoice.id, 'void').expect(200);
    for (const e of entries.slice(0, 30)) {
      e.billable = !e.billable;
      await api.http().patch(`/api/v1/time-entries/${e.id}`).set({ Authorization: `Bearer ${org.admin.accessToken}` }).send({ billable: e.billable }).expect(200);
    }
    const again = (await api.invoice({ account_id: account, invoice_date: '2026-04-01', tax_rate_percent: '7.5' }).expect(201)).body;
    const want2 = await expected(entries, '7.5');
    expect(comparable(again.lines)).toEqual(comparable(want2.lines));
    expect({ subtotal: again.subtotal, tax_amount: again.tax_amount, total: again.total }).toEqual(want2.totals);
  });

  it('refuses a currency it has no stored exchange rate for on the invoice date', async () => {
    const deal = await api.deal('Yen work', account);
    await api.rate({ deal_id: deal, hourly_rate: '9000', currency: 'JPY' });
    await api.entries([entryOn('2026-05-04', 3600, { deal_id: deal, user_id: org.admin.userId })]);
    const res = await api.invoice({ deal_id: deal, period_from: '2026-05-01', period_to: '2026-05-31', invoice_date: '2026-05-31' }).expect(422);
    expect(res.body).toMatchObject({ message: expect.stringContaining('JPY->USD'), details: [{ field: 'currency' }] });
    await api.exchangeRate({ base_currency: 'JPY', quote_currency: 'USD', rate: '0.0066666667', rate_date: '2026-05-01' });
    const ok = (await api.invoice({ deal_id: deal, period_from: '2026-05-01', period_to: '2026-05-31', invoice_date: '2026-05-31' }).expect(201)).body;
    // 1 h × 9000 JPY × 0.0066666667 = 60.0000003 -> 60.00
    expect(ok).toMatchObject({ total: '60.00', exchange_rates: [{ base_currency: 'JPY', quote_currency: 'USD', rate: '0.0066666667', rate_date: '2026-05-01' }] });
  });
});
