import { parse } from 'csv-parse/sync';
import { signup } from '../support/org-fixture';
import { as, billingClient, binary, entryOn, pdfText } from './billing-http';
import { openPayloads } from '../support/sealed';
import { apiWithOrg } from '../support/api-with-org';

describe('invoice lifecycle', () => {
  const org = apiWithOrg('Lifecycle Org');
  let api: ReturnType<typeof billingClient>;
  let account: string;
  let deal: string;
  let entries: string[];

  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
    account = await api.account('Initech');
    deal = await api.deal('TPS reports', account);
    await api.rate({ hourly_rate: '150.00', currency: 'USD' });
    entries = await api.entries([
      entryOn('2026-03-02', 3600, { deal_id: deal, user_id: org.admin.userId }),
      entryOn('2026-03-03', 5400, { deal_id: deal, user_id: org.admin.userId }),
      entryOn('2026-03-04', 1800, { deal_id: deal, user_id: org.admin.userId, billable: false }),
      entryOn('2026-04-01', 3600, { deal_id: deal, user_id: org.admin.userId }),
    ]);
  });

  it('builds a draft from the billable entries of the period, one line per deal and person', async () => {
    const res = await api.invoice({ account_id: account, tax_rate_percent: '8.25', notes: 'Thanks' }).expect(201);
    expect(res.body).toMatchObject({ status: 'draft', number: null, customer_name: 'Initech', account_id: account, currency: 'USD', subtotal: '375.00', tax_rate_percent: '8.25', tax_amount: '30.94', total: '405.94', exchange_rates: [] });
    expect(res.body.lines).toEqual([
      expect.objectContaining({ position: 1, deal_id: deal, user_id: org.admin.userId, seconds: 9000, hours: '2.50', hourly_rate: '150.00', rate_level: 'organization', amount: '375.00', exchange_rate: '1.0000000000', exchange_rate_date: null }),
    ]);
    expect([...res.body.lines[0].time_entry_ids].sort()).toEqual([entries[0], entries[1]].sort());
    await api.move(res.body.id, 'void').expect(200);
  });

  it('walks draft -> issued -> paid and refuses every other move with a 409 naming the state', async () => {
    const draft = (await api.invoice({ deal_id: deal }).expect(201)).body;
    expect((await api.move(draft.id, 'pay').expect(409)).body.message).toContain('draft');
    const issued = (await api.move(draft.id, 'issue').expect(200)).body;
    expect(issued).toMatchObject({ status: 'issued', number: expect.stringMatching(/^INV-\d{4}-\d{4}$/) });
    expect((await api.move(draft.id, 'issue').expect(409)).body.message).toContain('issued');
    expect((await api.http().delete(`/api/v1/invoices/${draft.id}`).set(as(org.admin)).expect(409)).body.message).toContain('issued');
    const paid = (await api.move(draft.id, 'pay', { paid_at: '2026-04-15T10:00:00.000Z' }).expect(200)).body;
    expect(paid).toMatchObject({ status: 'paid', paid_at: '2026-04-15T10:00:00.000Z', number: issued.number });
    for (const action of ['issue', 'pay', 'void'] as const) expect((await api.move(draft.id, action).expect(409)).body.message).toContain('paid');

    const event = openPayloads(org.app, await org.db.query(`SELECT organization_id, id, payload FROM outbox_events WHERE organization_id = $1 AND type = 'invoice.issued' AND aggregate_id = $2`, [org.admin.organizationId, draft.id]));
    expect(event).toHaveLength(1);
    expect(event[0].payload).toMatchObject({ id: draft.id, number: issued.number, status: 'issued', total: draft.total, lines: [expect.objectContaining({ amount: draft.lines[0].amount, time_entry_ids: draft.lines[0].time_entry_ids })] });
  });

  it('refuses changing, deleting or re-assigning an invoiced entry, and allows it once its invoice is void', async () => {
    const other = await api.deal('Other work', account);
    const [entry] = await api.entries([entryOn('2026-05-04', 600, { deal_id: deal, user_id: org.admin.userId, external_id: 'locked-1' })]);
    const invoice = (await api.invoice({ deal_id: deal, period_from: '2026-05-01', period_to: '2026-05-31' }).expect(201)).body;
    const http = api.http;
    expect((await http().patch(`/api/v1/time-entries/${entry}`).set(as(org.admin)).send({ duration_seconds: 1200, end_time: '2026-05-04T09:20:00.000Z' }).expect(409)).body.message).toContain('invoice');
    await http().patch(`/api/v1/time-entries/${entry}`).set(as(org.admin)).send({ billable: false }).expect(409);
    await http().delete(`/api/v1/time-entries/${entry}`).set(as(org.admin)).expect(409);
    await http().post(`/api/v1/time-entries/${entry}/assign`).set(as(org.admin)).send({ deal_id: other }).expect(409);
    // Facts that do not change the bill may change.
    await http().patch(`/api/v1/time-entries/${entry}`).set(as(org.admin)).send({ project_name: 'Renamed' }).expect(200);
    const [{ duration_seconds }] = await org.db.query(`SELECT duration_seconds FROM time_entries WHERE organization_id = $1 AND id = $2`, [org.admin.organizationId, entry]);
    expect(duration_seconds).toBe(600);

    await api.move(invoice.id, 'void', { reason: 'Re-bill' }).expect(200);
    await http().patch(`/api/v1/time-entries/${entry}`).set(as(org.admin)).send({ billable: false }).expect(200);
    await http().patch(`/api/v1/time-entries/${entry}`).set(as(org.admin)).send({ billable: true }).expect(200);
    const again = (await api.invoice({ deal_id: deal, period_from: '2026-05-01', period_to: '2026-05-31' }).expect(201)).body;
    expect(again.lines.flatMap((l: { time_entry_ids: string[] }) => l.time_entry_ids)).toEqual([entry]);
    // The void invoice keeps its lines for the record.
    expect((await api.get(invoice.id).expect(200)).body).toMatchObject({ status: 'void', void_reason: 'Re-bill', lines: [expect.objectContaining({ time_entry_ids: [entry] })] });
    // Deleting a draft releases its entries too.
    await http().delete(`/api/v1/invoices/${again.id}`).set(as(org.admin)).expect(204);
    await api.get(again.id).expect(404);
    await http().delete(`/api/v1/time-entries/${entry}`).set(as(org.admin)).expect(204);
  });

  it('lists the invoices of one deal (deal_id filter) and refuses a deal_id that is not a UUID', async () => {
    const other = await api.deal('Filtered work', account);
    await api.entries([entryOn('2026-07-06', 3600, { deal_id: other, user_id: org.admin.userId })]);
    const invoice = (await api.invoice({ deal_id: other, period_from: '2026-07-01', period_to: '2026-07-31' }).expect(201)).body;
    const listed = await api.http().get('/api/v1/invoices').query({ deal_id: other }).set(as(org.admin)).expect(200);
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
    expect((await api.http().get('/api/v1/invoices').query({ deal_id: 'x' }).set(as(org.admin)).expect(400)).body.details[0].field).toBe('deal_id');
    await api.http().delete(`/api/v1/invoices/${invoice.id}`).set(as(org.admin)).expect(204);
  });

  it('answers 422 when there is nothing to bill, and 400/422 naming bad fields', async () => {
    expect((await api.invoice({ deal_id: deal, period_from: '2027-01-01', period_to: '2027-01-31' }).expect(422)).body.details[0].field).toBe('deal_id');
    const bad = await api.invoice({ period_from: '2026-02-30', period_to: '2026-01-01', currency: 'XYZ', tax_rate_percent: '101', account_id: 'nope' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['account_id', 'currency', 'period_from', 'tax_rate_percent']);
    expect((await api.invoice({ account_id: account, deal_id: deal }).expect(400)).body.details[0].field).toBe('deal_id');
    const stranger = await signup(org.app, 'Stranger Billing');
    const foreign = await billingClient(org.app, stranger).deal('Theirs', null);
    expect((await api.invoice({ deal_id: foreign }).expect(422)).body.details[0].field).toBe('deal_id');
  });

  it('exports an invoice as CSV that parses back, and as a PDF with the totals in its text', async () => {
    const [extra] = await api.entries([entryOn('2026-06-10', 4500, { deal_id: deal, user_id: org.admin.userId })]);
    const invoice = (await api.invoice({ deal_id: deal, period_from: '2026-06-01', period_to: '2026-06-30', tax_rate_percent: 20 }).expect(201)).body;
    const issued = (await api.move(invoice.id, 'issue').expect(200)).body;
    const csv = await api.get(invoice.id).query({ format: 'csv' }).expect(200).expect('Content-Type', /text\/csv/);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows).toEqual([
      expect.objectContaining({ invoice_number: issued.number, position: '1', seconds: '4500', hours: '1.25', hourly_rate: '150.00', amount: '187.50', currency: 'USD' }),
      expect.objectContaining({ description: 'Subtotal', amount: '187.50' }),
      expect.objectContaining({ description: 'Tax 20.00%', amount: '37.50' }),
      expect.objectContaining({ description: 'Total', amount: '225.00' }),
    ]);
    expect(rows[0].description).toContain('TPS reports');
    expect(invoice.lines[0].time_entry_ids).toEqual([extra]);

    const pdf = await api.get(invoice.id).query({ format: 'pdf' }).buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(body);
    expect(text).toContain(`Invoice ${issued.number}`);
    expect(text).toContain('Initech');
    expect(text).toContain('225.00 USD');
    expect(text).toContain('187.50');
  });
});
