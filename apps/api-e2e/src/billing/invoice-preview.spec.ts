import { signup } from '../support/org-fixture';
import { as, billingClient, entryOn } from './billing-http';
import { apiWithOrg } from '../support/api-with-org';

/** Cents of `seconds` at `rate` per hour times `fx`, rounded half up once (written out independently of the billing lib). */
const cents = (seconds: number, rate: number, fx = 1) => Math.round((seconds / 3600) * rate * fx * 100 + 1e-9);
const money = (c: number) => (c / 100).toFixed(2);

describe('POST /invoices/preview', () => {
  const org = apiWithOrg('Preview Org');
  let api: ReturnType<typeof billingClient>;
  let account: string;
  let build: string;
  let support: string;
  let entries: string[];
  const preview = (body: Record<string, unknown>) =>
    api.http().post('/api/v1/invoices/preview').set(as(org.admin)).send({ period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', ...body });
  const stored = async () =>
    (await org.db.query(
      `SELECT (SELECT count(*) FROM invoices WHERE organization_id = $1)::int AS invoices, (SELECT count(*) FROM invoice_line_entries WHERE organization_id = $1)::int AS claimed,
              (SELECT count(*) FROM audit_logs WHERE organization_id = $1)::int AS audits, (SELECT count(*) FROM outbox_events WHERE organization_id = $1)::int AS events`,
      [org.admin.organizationId],
    ))[0];

  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
    account = await api.account('Globex');
    build = await api.deal('Build', account);
    support = await api.deal('Support', account);
    await api.rate({ hourly_rate: '150.00', currency: 'USD' });
    await api.rate({ hourly_rate: '100.00', currency: 'EUR', deal_id: support });
    await api.exchangeRate({ base_currency: 'EUR', quote_currency: 'USD', rate: '1.1', rate_date: '2026-03-15' });
    entries = await api.entries([
      entryOn('2026-03-02', 3600, { deal_id: build, user_id: org.admin.userId, project_name: 'Design' }),
      entryOn('2026-03-03', 5400, { deal_id: build, user_id: org.admin.userId, project_name: 'Backend' }),
      entryOn('2026-03-05', 1830, { deal_id: support, user_id: org.admin.userId, project_name: 'Hotline' }),
      entryOn('2026-03-06', 900, { deal_id: build, user_id: org.admin.userId, billable: false }),
      entryOn('2026-04-02', 3600, { deal_id: build, user_id: org.admin.userId }),
    ]);
  });

  it('shows the lines, the entries behind them, the exchange rate and the totals, storing nothing', async () => {
    const before = await stored();
    const res = await preview({ account_id: account, invoice_date: '2026-04-01', tax_rate_percent: '10', notes: 'March' }).expect(200);
    expect(await stored()).toEqual(before);

    const buildCents = cents(3600 + 5400, 150);
    const supportCents = cents(1830, 100, 1.1);
    const subtotal = buildCents + supportCents;
    const tax = Math.round(subtotal * 0.1);
    expect(res.body).toMatchObject({
      account_id: account, deal_id: null, customer_name: 'Globex', currency: 'USD', invoice_date: '2026-04-01', tax_rate_percent: '10.00', notes: 'March',
      subtotal: money(subtotal), tax_amount: money(tax), total: money(subtotal + tax),
      exchange_rates: [{ base_currency: 'EUR', quote_currency: 'USD', rate: '1.1000000000', rate_date: '2026-03-15' }],
    });
    expect(res.body.lines.map((l: Record<string, unknown>) => [l.deal_id, l.seconds, l.hourly_rate, l.rate_currency, l.exchange_rate, l.exchange_rate_date, l.amount])).toEqual([
      [build, 9000, '150.00', 'USD', '1.0000000000', null, money(buildCents)],
      [support, 1830, '100.00', 'EUR', '1.1000000000', '2026-03-15', money(supportCents)],
    ]);
    expect(res.body.lines[0].entries).toEqual([
      { id: entries[0], date: '2026-03-02', start_time: '2026-03-02T09:00:00.000Z', description: 'Design', seconds: 3600 },
      { id: entries[1], date: '2026-03-03', start_time: '2026-03-03T09:00:00.000Z', description: 'Backend', seconds: 5400 },
    ]);
    expect(res.body.lines[1].entries).toEqual([{ id: entries[2], date: '2026-03-05', start_time: '2026-03-05T09:00:00.000Z', description: 'Hotline', seconds: 1830 }]);
    for (const line of res.body.lines) expect(line.entries.map((e: { id: string }) => e.id)).toEqual(line.time_entry_ids);
  });

  it('equals, line for line, the draft created right after with the same body', async () => {
    const body = { account_id: account, invoice_date: '2026-04-01', tax_rate_percent: 7.5 };
    const shown = (await preview(body).expect(200)).body;
    const draft = (await api.invoice(body).expect(201)).body;
    const { entries: _ignored, ...firstLine } = shown.lines[0];
    expect(Object.keys(firstLine).length).toBeGreaterThan(10);
    expect(draft.lines.map(({ id: _id, ...line }: Record<string, unknown>) => line)).toEqual(shown.lines.map(({ entries: _e, ...line }: Record<string, unknown>) => line));
    for (const key of ['account_id', 'deal_id', 'customer_name', 'period_from', 'period_to', 'invoice_date', 'currency', 'subtotal', 'tax_rate_percent', 'tax_amount', 'total', 'notes', 'exchange_rates']) {
      expect([key, draft[key]]).toEqual([key, shown[key]]);
    }
    // Its entries are on the draft now: nothing is left to preview until it is voided.
    expect((await preview(body).expect(422)).body.details[0].field).toBe('account_id');
    await api.move(draft.id, 'void', { reason: 'Preview test' }).expect(200);
    expect((await preview(body).expect(200)).body.total).toBe(shown.total);
  });

  it('answers the 400 and 422 of POST /invoices, naming the field', async () => {
    const bad = await preview({ period_from: '2026-02-30', period_to: '2026-01-01', currency: 'XYZ', tax_rate_percent: '101', account_id: 'nope' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['account_id', 'currency', 'period_from', 'tax_rate_percent']);
    expect((await preview({ account_id: account, deal_id: build }).expect(400)).body.details[0].field).toBe('deal_id');
    expect((await preview({ deal_id: build, period_from: '2027-01-01', period_to: '2027-01-31' }).expect(422)).body.details[0].field).toBe('deal_id');
    const stranger = await signup(org.app, 'Stranger Preview');
    const foreign = await billingClient(org.app, stranger).deal('Theirs', null);
    expect((await preview({ deal_id: foreign }).expect(422)).body.details[0].field).toBe('deal_id');
    const noRate = await preview({ deal_id: support, currency: 'GBP' }).expect(422);
    expect(noRate.body.details[0].field).toBe('currency');
    expect(noRate.body.message).toContain('EUR->GBP');
  });
});
