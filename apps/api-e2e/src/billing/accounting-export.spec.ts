import { parse } from 'csv-parse/sync';
import { userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { as, billingClient, entryOn } from './billing-http';
import { apiWithOrg } from '../support/api-with-org';

// The published headers, written out here rather than imported (docs/accounting-exports.md gives the sources).
const XERO = ['*ContactName', 'EmailAddress', 'POAddressLine1', 'POAddressLine2', 'POAddressLine3', 'POAddressLine4', 'POCity', 'PORegion', 'POPostalCode', 'POCountry',
  '*InvoiceNumber', 'Reference', '*InvoiceDate', '*DueDate', 'InventoryItemCode', '*Description', '*Quantity', '*UnitAmount', 'Discount', '*AccountCode', '*TaxType',
  'TaxAmount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2', 'Currency', 'BrandingTheme'];
const QUICKBOOKS = ['InvoiceNo', 'Customer', 'InvoiceDate', 'DueDate', 'Terms', 'Location', 'Memo', 'Item(Product/Service)', 'ItemDescription', 'ItemQuantity', 'ItemRate',
  'ItemAmount', 'ItemTaxCode', 'ItemTaxAmount', 'Currency', 'Service Date'];

const cents = (v: string) => Math.round(Number(v) * 100);
const sum = (rows: Record<string, string>[], column: string) => rows.reduce((s, r) => s + cents(r[column]), 0);
const csv = (text: string) => ({ header: parse(text, { to_line: 1 })[0] as string[], rows: parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[] });

/**
 * Accounting exports against figures worked out by hand here:
 *   deal rate 120.00 USD, 1.5 h (admin)                 = 180.00
 *   user rate 90.00 EUR × 1.085 USD/EUR, 0.75 h (bob)    = 73.2375 -> 73.24
 *   organization rate 100.00 USD, 1000 s (carol, other deal) = 27.777… -> 27.78
 *   subtotal 281.02, tax 8.25 % = 23.184… -> 23.18, total 304.20, currency USD
 */
describe('accounting exports', () => {
  const org = apiWithOrg('Accounting Org');
  let api: ReturnType<typeof billingClient>;
  let invoice: { id: string; number: string };
  const get = (path: string) => api.http().get(`/api/v1/invoices${path}`).set(as(org.admin));

  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
    const bob = await userWithRole(org.app, org.admin.accessToken, 'manager');
    const carol = await userWithRole(org.app, org.admin.accessToken, 'sales');
    const account = (await api.http().post('/api/v1/accounts').set(as(org.admin)).send({ name: 'Umbrella, Ltd', address: '1 Raccoon Way', phone: '+1 555 0100' }).expect(201)).body.id;
    const deal = await api.deal('Hive audit', account);
    const other = await api.deal('Labs', account);
    await api.rate({ hourly_rate: '100.00', currency: 'USD' });
    await api.rate({ deal_id: deal, hourly_rate: '120.00', currency: 'USD' });
    await api.rate({ user_id: bob.id, hourly_rate: '90.00', currency: 'EUR' });
    await api.exchangeRate({ base_currency: 'EUR', quote_currency: 'USD', rate: '1.085', rate_date: '2026-03-01' });
    await api.entries([
      entryOn('2026-03-02', 5400, { deal_id: deal, user_id: org.admin.userId }),
      entryOn('2026-03-03', 2700, { deal_id: other, user_id: bob.id }),
      entryOn('2026-03-04', 1000, { deal_id: other, user_id: carol.id }),
    ]);
    const draft = (await api.invoice({ account_id: account, tax_rate_percent: '8.25', invoice_date: '2026-04-02' }).expect(201)).body;
    invoice = (await api.move(draft.id, 'issue').expect(200)).body;
  });

  it('writes the Xero import: its headers, one row per line, every amount, the tax and the currency', async () => {
    const res = await get(`/${invoice.id}/export?format=xero`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`${invoice.number}-xero.csv`);
    const { header, rows } = csv(res.text);
    expect(header).toEqual(XERO);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r['*UnitAmount']).sort()).toEqual(['180.00', '27.78', '73.24']);
    expect(sum(rows, '*UnitAmount')).toBe(28102);
    expect(sum(rows, 'TaxAmount')).toBe(2318);
    for (const r of rows) {
      expect(r).toMatchObject({ '*ContactName': 'Umbrella, Ltd', '*InvoiceNumber': invoice.number, '*InvoiceDate': '02/04/2026', '*DueDate': '02/05/2026', '*Quantity': '1', '*AccountCode': '200', '*TaxType': 'Tax on Sales', Currency: 'USD' });
    }
    expect(rows.find((r) => r['*UnitAmount'] === '73.24')?.['*Description']).toContain('0.75 h × 90.00 EUR/h at 1.0850000000 USD/EUR');
  });

  it('writes the QuickBooks Online import with US dates, terms and the options given', async () => {
    const { header, rows } = csv((await get(`/${invoice.id}/export?format=quickbooks&tax_type=CA&due_days=14`).expect(200)).text);
    expect(header).toEqual(QUICKBOOKS);
    expect(rows).toHaveLength(3);
    expect(sum(rows, 'ItemAmount')).toBe(28102);
    expect(sum(rows, 'ItemRate')).toBe(28102);
    expect(sum(rows, 'ItemTaxAmount')).toBe(2318);
    for (const r of rows) expect(r).toMatchObject({ InvoiceNo: invoice.number, Customer: 'Umbrella, Ltd', InvoiceDate: '04/02/2026', DueDate: '04/16/2026', Terms: 'Net 14', ItemTaxCode: 'CA', Currency: 'USD', 'Service Date': '03/31/2026' });
  });

  it('writes the generic CSV with the invoice totals on every line', async () => {
    const { rows } = csv((await get(`/${invoice.id}/export`).expect(200)).text);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.line_position)).toEqual(['1', '2', '3']);
    for (const r of rows) expect(r).toMatchObject({ invoice_number: invoice.number, currency: 'USD', tax_rate_percent: '8.25', invoice_subtotal: '281.02', invoice_tax_amount: '23.18', invoice_total: '304.20', due_date: '2026-05-02' });
    expect(sum(rows, 'line_amount') + sum(rows, 'line_tax_amount')).toBe(30420);
  });

  it('exports the issued and paid invoices of a period, not drafts or void ones, and refuses a draft alone', async () => {
    const deal = await api.deal('Period work', null);
    await api.entries(['2026-06-01', '2026-06-02', '2026-06-03'].map((day) => entryOn(day, 3600, { deal_id: deal, user_id: org.admin.userId })));
    const ofDay = (day: string) => api.invoice({ deal_id: deal, period_from: day, period_to: day, invoice_date: '2026-06-10' }).expect(201).then((r) => r.body.id as string);
    const paidId = await ofDay('2026-06-01');
    const paid = (await api.move(paidId, 'issue').expect(200)).body;
    await api.move(paidId, 'pay', { paid_at: '2026-06-20T10:00:00.000Z' }).expect(200);
    const voided = await ofDay('2026-06-02');
    await api.move(voided, 'issue').expect(200);
    await api.move(voided, 'void', { reason: 'Wrong customer' }).expect(200);
    expect((await get(`/${voided}/export?format=xero`).expect(409)).body.message).toContain('void');
    const draft = await ofDay('2026-06-03');
    expect((await get(`/${draft}/export?format=xero`).expect(409)).body.message).toContain('draft');

    const { rows } = csv((await get(`/export?format=generic&from=2026-04-01&to=2026-06-30`).expect(200)).text);
    expect([...new Set(rows.map((r) => r.invoice_number))]).toEqual([invoice.number, paid.number]);
    expect(rows.filter((r) => r.invoice_number === paid.number)).toMatchObject([{ status: 'paid', line_amount: '100.00', invoice_total: '100.00' }]);
    const empty = await get(`/export?format=xero&from=2027-01-01&to=2027-01-31`).expect(200);
    expect(csv(empty.text)).toEqual({ header: XERO, rows: [] });
  });

  it('answers 400 naming the field for a bad format, period or option', async () => {
    const fields = async (path: string) => (await get(path).expect(400)).body.details.map((d: { field: string }) => d.field);
    expect(await fields(`/${invoice.id}/export?format=sage`)).toEqual(['format']);
    expect(await fields(`/export?format=xero&from=2026-05-01&to=2026-04-01`)).toEqual(['to']);
    expect(await fields(`/export?format=xero`)).toEqual(expect.arrayContaining(['from', 'to']));
    expect(await fields(`/${invoice.id}/export?due_days=400`)).toEqual(['due_days']);
  });

  it('invoice.issued and invoice.paid carry the due date, the customer and each line\'s tax', async () => {
    await api.move(invoice.id, 'pay', { paid_at: '2026-04-20T09:00:00.000Z' }).expect(200);
    const events = openPayloads(org.app, await org.db.query(`SELECT organization_id, id, type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at`, [org.admin.organizationId, invoice.id]));
    expect(events.map((e) => e.type)).toEqual(['invoice.issued', 'invoice.paid']);
    for (const { payload } of events) {
      expect(payload).toMatchObject({ number: invoice.number, currency: 'USD', invoice_date: '2026-04-02', due_date: '2026-05-02', subtotal: '281.02', tax_amount: '23.18', total: '304.20' });
      expect(payload.customer).toMatchObject({ name: 'Umbrella, Ltd', address: '1 Raccoon Way', phone: '+1 555 0100' });
      expect(payload.lines).toHaveLength(3);
      expect(payload.lines.reduce((s: number, l: { tax_amount: string }) => s + cents(l.tax_amount), 0)).toBe(2318);
    }
    expect(events[1].payload).toMatchObject({ status: 'paid', paid_at: '2026-04-20T09:00:00.000Z' });
  });
});
