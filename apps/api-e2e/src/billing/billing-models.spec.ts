import { as, billingClient, entryOn } from './billing-http';
import { apiWithOrg } from '../support/api-with-org';

const H = 3600;
/** Cents as the api writes money: "1234.56". */
const money = (cents: number) => (cents / 100).toFixed(2);
/** n × num / den rounded half up (non-negative integers): the prorating and overage rounding of docs/billing-models.md, computed independently. */
const roundedShare = (n: number, num: number, den: number) => Math.floor((2 * n * num + den) / (2 * den));

/**
 * Fixed-fee and retainer deals over the real api: their invoices equal amounts computed by hand
 * from the terms and the tracked time (to the cent), their time is never also billed hourly,
 * and the retainer balance follows the months of the organization's time zone.
 */
describe('billing models', () => {
  const org = apiWithOrg('Billing Models Org');
  let api: ReturnType<typeof billingClient>;
  let account: string;
  /** What the retainer and fixed deals earn, for the profitability check at the end. */
  const earned = { retainerDeal: '', retainerCents: 0, fixedDeal: '', fixedMarchCents: 0, fixedCents: 0 };

  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
    account = await api.account('Retained Corp');
    await api.rate({ hourly_rate: '100.00', currency: 'USD' });
    await api.http().patch('/api/v1/organization/settings').set(as(org.admin)).send({ timezone: 'America/New_York' }).expect(200);
  });

  const post = (path: string, body: object) => api.http().post(`/api/v1${path}`).set(as(org.admin)).send(body);
  const get = (path: string) => api.http().get(`/api/v1${path}`).set(as(org.admin));
  const fields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

  describe('validation', () => {
    it('requires the retainer terms when billing_model is retainer, naming the field', async () => {
      const missing = await post('/deals', { name: 'No terms', billing_model: 'retainer' }).expect(400);
      expect(fields(missing.body)).toEqual(['retainer']);
      const partial = await post('/deals', { name: 'Half terms', billing_model: 'retainer', retainer: { hours_per_month: '10', overage_rate_cents: 100, rollover_months: 0, starts_on: '2026-01-01' } }).expect(400);
      expect(JSON.stringify(partial.body.details)).toContain('price_cents');
      const bad = await post('/deals', { name: 'Bad model', billing_model: 'weekly' }).expect(400);
      expect(fields(bad.body)).toEqual(['billing_model']);
      const count = await org.db.query(`SELECT count(*)::int AS n FROM deals WHERE organization_id = $1 AND name IN ('No terms', 'Half terms', 'Bad model')`, [org.admin.organizationId]);
      expect(count[0].n).toBe(0);
    });

    it('refuses a milestone without a positive amount, naming the field', async () => {
      const deal = (await post('/deals', { name: 'Fixed validation', billing_model: 'fixed' }).expect(201)).body.id;
      const res = await post(`/deals/${deal}/milestones`, { name: 'Zero', amount_cents: 0, due_on: '2026-03-01' }).expect(400);
      expect(fields(res.body)).toEqual(['amount_cents']);
      expect((await get(`/deals/${deal}/milestones`).expect(200)).body.data).toEqual([]);
    });

    it('sets the time zone of the months through the organization settings, naming a bad one', async () => {
      const patch = (body: object) => api.http().patch('/api/v1/organization/settings').set(as(org.admin)).send(body);
      for (const timezone of ['Mars/Olympus', '', null, 42]) expect(fields((await patch({ timezone }).expect(400)).body)).toEqual(['timezone']);
      const settings = await get('/organization/settings').expect(200);
      expect(settings.body.timezone).toBe('America/New_York');
      const [audit] = await org.db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1 AND object_type = 'organization_settings' ORDER BY created_at DESC LIMIT 1`, [org.admin.organizationId]);
      expect(audit.changes).toMatchObject({ timezone: { from: 'UTC', to: 'America/New_York' } });
    });

    it('has no retainer balance for a deal that does not bill as a retainer', async () => {
      const deal = (await post('/deals', { name: 'Hourly one' }).expect(201)).body.id;
      await get(`/deals/${deal}/retainer-balance?month=2026-03`).expect(404);
    });
  });

  describe('retainer: started mid-month, overage, rollover across months', () => {
    // 10 h a month for 1000.00, overage 150.00/h, unused hours roll over for 1 month; starts on 21 March (31 days: 11 left).
    const terms = { hours_per_month: '10', price_cents: 100000, overage_rate_cents: 15000, rollover_months: 1, starts_on: '2026-03-21' };
    const marchIncluded = roundedShare(10 * 100, 11, 31) * 36; // 0.01 h -> seconds: 3.55 h
    const marchPrice = roundedShare(terms.price_cents, 11, 31);
    const marchUsed = 2 * H + 1 * H; // 25 March, and 1 April 02:00 UTC = 31 March in New York
    const aprilUsed = 11 * H;
    const aprilRolled = marchIncluded - marchUsed;
    const aprilOverage = aprilUsed - aprilRolled - 10 * H;
    const aprilOverageCents = roundedShare(aprilOverage, terms.overage_rate_cents, H);
    let deal: string;
    let hourlyDeal: string;

    beforeAll(async () => {
      deal = (await post('/deals', { name: 'Care plan', account_id: account, billing_model: 'retainer', retainer: terms }).expect(201)).body.id;
      hourlyDeal = await api.deal('Extra work', account);
      Object.assign(earned, { retainerDeal: deal, retainerCents: marchPrice + terms.price_cents + aprilOverageCents });
      await api.entries([
        entryOn('2026-03-20', 5 * H, { deal_id: deal, user_id: org.admin.userId }), // before the start: not retainer time
        entryOn('2026-03-25', 2 * H, { deal_id: deal, user_id: org.admin.userId }),
        { ...entryOn('2026-04-01', H, { deal_id: deal, user_id: org.admin.userId }), start_time: '2026-04-01T02:00:00.000Z', end_time: '2026-04-01T03:00:00.000Z' },
        entryOn('2026-04-10', aprilUsed, { deal_id: deal, user_id: org.admin.userId }),
        entryOn('2026-05-12', 4 * H, { deal_id: deal, user_id: org.admin.userId }),
        entryOn('2026-04-15', H, { deal_id: hourlyDeal, user_id: org.admin.userId }),
      ]);
    });

    it('reads the deal back with its model and terms', async () => {
      const res = await get(`/deals/${deal}`).expect(200);
      expect(res.body).toMatchObject({ billing_model: 'retainer', retainer: { ...terms, hours_per_month: '10.00' } });
    });

    it('gives each month its included, rolled-over, used and left hours', async () => {
      const hours = (s: number) => Math.round(s / 36) / 100;
      const march = (await get(`/deals/${deal}/retainer-balance?month=2026-03`).expect(200)).body;
      expect(march).toMatchObject({ active: true, timezone: 'America/New_York', included_hours: hours(marchIncluded), rolled_over_hours: 0, used_hours: hours(marchUsed), left_hours: hours(marchIncluded - marchUsed), overage_hours: 0, price_cents: marchPrice });
      const april = (await get(`/deals/${deal}/retainer-balance?month=2026-04`).expect(200)).body;
      expect(april).toMatchObject({ included_hours: 10, rolled_over_hours: hours(aprilRolled), used_hours: 11, left_hours: 0, overage_hours: hours(aprilOverage), overage_cents: aprilOverageCents, price_cents: terms.price_cents });
      const may = (await get(`/deals/${deal}/retainer-balance?month=2026-05`).expect(200)).body;
      expect(may).toMatchObject({ rolled_over_hours: 0, used_hours: 4, left_hours: 6 });
      const june = (await get(`/deals/${deal}/retainer-balance?month=2026-06`).expect(200)).body;
      expect(june).toMatchObject({ rolled_over_hours: 6, used_hours: 0, left_hours: 16 });
      // July: June's 10 unused hours roll over; May's 6 have expired (1 month of rollover)
      const july = (await get(`/deals/${deal}/retainer-balance?month=2026-07`).expect(200)).body;
      expect(july).toMatchObject({ rolled_over_hours: 10, left_hours: 20 });
      const before = (await get(`/deals/${deal}/retainer-balance?month=2026-02`).expect(200)).body;
      expect(before).toMatchObject({ active: false, included_hours: 0, price_cents: 0 });
      await get(`/deals/${deal}/retainer-balance?month=2026-13`).expect(400);
    });

    it('invoices each month as a "Retainer <month>" fee plus its overage, to the cent', async () => {
      const body = { deal_id: deal, period_from: '2026-03-01', period_to: '2026-04-30' };
      const preview = (await post('/invoices/preview', { ...body, currency: 'USD' }).expect(200)).body;
      const res = await api.invoice(body).expect(201);
      const lines = res.body.lines.map((l: Record<string, unknown>) => ({ kind: l.kind, amount: l.amount, hours: l.hours }));
      expect(lines).toEqual([
        { kind: 'retainer', amount: money(marchPrice), hours: (marchUsed / H).toFixed(2) },
        { kind: 'retainer', amount: money(terms.price_cents), hours: (aprilUsed / H).toFixed(2) },
        { kind: 'overage', amount: money(aprilOverageCents), hours: (aprilOverage / H).toFixed(2) },
      ]);
      expect(res.body.lines[0].description).toContain('Retainer 2026-03');
      expect(res.body.lines[0].description).toContain(`${((marchIncluded - marchUsed) / H).toFixed(2)} h left`);
      expect(res.body.lines[2].description).toContain('Overage 2026-04');
      expect(res.body.total).toBe(money(marchPrice + terms.price_cents + aprilOverageCents));
      expect(preview.total).toBe(res.body.total);
      // The retainer's time is on the invoice (not billable hourly again); the entry before the start is not.
      const claimed = await org.db.query(
        `SELECT sum(e.duration_seconds)::int AS s FROM invoice_line_entries c JOIN time_entries e ON e.organization_id = c.organization_id AND e.id = c.time_entry_id WHERE c.organization_id = $1 AND c.invoice_id = $2`,
        [org.admin.organizationId, res.body.id],
      );
      expect(claimed[0].s).toBe(marchUsed + aprilUsed);
      // The same months are not billed twice.
      await api.invoice(body).expect(422);

      // The account's invoice bills only the hourly deal's hour at 100.00: no retainer time billed hourly.
      const accountInvoice = (await api.invoice({ account_id: account, period_from: '2026-03-01', period_to: '2026-04-30' }).expect(201)).body;
      expect(accountInvoice.lines.map((l: { kind: string; amount: string }) => [l.kind, l.amount])).toEqual([['time', '100.00']]);

      // Voided, the months can be invoiced again, for the same amounts.
      await api.move(res.body.id, 'void', { reason: 'redo' }).expect(200);
      const again = (await api.invoice(body).expect(201)).body;
      expect(again.total).toBe(res.body.total);
    });
  });

  describe('fixed fee: milestones invoiced once reached', () => {
    let deal: string;
    let first: string;
    let second: string;

    beforeAll(async () => {
      deal = (await post('/deals', { name: 'Website build', account_id: account, billing_model: 'fixed' }).expect(201)).body.id;
      first = (await post(`/deals/${deal}/milestones`, { name: 'Design', amount_cents: 250000, due_on: '2026-03-15' }).expect(201)).body.id;
      Object.assign(earned, { fixedDeal: deal, fixedMarchCents: 250000, fixedCents: 250000 + 125050 });
      second = (await post(`/deals/${deal}/milestones`, { name: 'Launch', amount_cents: 125050, due_on: '2026-04-15' }).expect(201)).body.id;
      await api.entries([entryOn('2026-03-10', 3 * H, { deal_id: deal, user_id: org.admin.userId })]);
    });

    it('bills nothing before a milestone is reached, and never the deal\'s time hourly', async () => {
      await api.invoice({ deal_id: deal }).expect(422);
    });

    it('invoices reached milestones at their amounts, once', async () => {
      const reached = (await post(`/deals/${deal}/milestones/${first}/reach`, { reached_on: '2026-03-20' }).expect(200)).body;
      expect(reached).toMatchObject({ status: 'reached', reached_on: '2026-03-20' });
      await post(`/deals/${deal}/milestones/${first}/reach`, {}).expect(409);
      const march = (await api.invoice({ deal_id: deal }).expect(201)).body;
      expect(march.lines.map((l: { kind: string; amount: string }) => [l.kind, l.amount])).toEqual([['milestone', money(250000)]]);
      expect(march.total).toBe(money(250000));
      const list = (await get(`/deals/${deal}/milestones`).expect(200)).body.data;
      expect(list.map((m: { status: string; invoice_id: string | null }) => [m.status, m.invoice_id])).toEqual([['invoiced', march.id], ['planned', null]]);
      await api.http().patch(`/api/v1/deals/${deal}/milestones/${first}`).set(as(org.admin)).send({ amount_cents: 1 }).expect(409);

      await post(`/deals/${deal}/milestones/${second}/reach`, { reached_on: '2026-04-14' }).expect(200);
      const april = (await api.invoice({ deal_id: deal, period_from: '2026-04-01', period_to: '2026-04-30' }).expect(201)).body;
      expect(april.total).toBe(money(125050));

      await api.move(march.id, 'void', { reason: 'wrong' }).expect(200);
      const afterVoid = (await get(`/deals/${deal}/milestones`).expect(200)).body.data;
      expect(afterVoid[0]).toMatchObject({ status: 'reached', invoice_id: null });
    });

    it('records the milestone events', async () => {
      const events = await org.db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 AND type LIKE 'deal.milestone_%' ORDER BY id`, [org.admin.organizationId, deal]);
      expect(events.map((e: { type: string }) => e.type)).toEqual(['deal.milestone_created', 'deal.milestone_created', 'deal.milestone_reached', 'deal.milestone_reached']);
    });
  });

  describe('profitability', () => {
    const report = async (query: Record<string, string>) => (await get('/reports/profitability').query(query).expect(200)).body.rows as { key_id: string; currency: string; billable_value: string }[];

    it('values a retainer by its fees and overage and a fixed deal by its reached milestones, never their time at the rates', async () => {
      const byDeal = await report({ group_by: 'deal', date_from: '2026-03-01', date_to: '2026-05-01' });
      const value = (id: string) => byDeal.find((r) => r.key_id === id)?.billable_value;
      expect(value(earned.retainerDeal)).toBe(money(earned.retainerCents));
      expect(value(earned.fixedDeal)).toBe(money(earned.fixedCents));
      const march = await report({ group_by: 'deal', date_from: '2026-03-01', date_to: '2026-04-01' });
      expect(march.find((r) => r.key_id === earned.fixedDeal)?.billable_value).toBe(money(earned.fixedMarchCents));
      // The account: the hourly deal's one hour at 100.00 plus the two deals' revenue.
      const byAccount = await report({ group_by: 'account', date_from: '2026-03-01', date_to: '2026-05-01' });
      expect(byAccount.find((r) => r.key_id === account)?.billable_value).toBe(money(10000 + earned.retainerCents + earned.fixedCents));
    });

    it("values a fixed deal over all time (no range: the deal page's live margin)", async () => {
      const allTime = await report({ group_by: 'deal', deal_id: earned.fixedDeal });
      expect(allTime.find((r) => r.key_id === earned.fixedDeal)?.billable_value).toBe(money(earned.fixedCents));
    });
  });
});
