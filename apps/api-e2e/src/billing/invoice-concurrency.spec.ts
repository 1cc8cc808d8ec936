import { waitForLockWaiters } from '@clockwork/testing-support';
import { billingClient, entryOn } from './billing-http';
import { apiWithOrg } from '../support/api-with-org';

/** What the database guarantees when many invoices are built or issued at once. */
describe('invoices under concurrency', () => {
  const org = apiWithOrg('Concurrent Org');
  let api: ReturnType<typeof billingClient>;
  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
    await api.rate({ hourly_rate: '100.00', currency: 'USD' });
  });

  it('numbers 20 drafts issued at once 1..20 without gaps or duplicates', async () => {
    const account = await api.account('Numbered');
    const drafts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const deal = await api.deal(`Numbered ${i}`, account);
      await api.entries([entryOn('2026-03-02', 600 + i, { deal_id: deal, user_id: org.admin.userId })]);
      drafts.push((await api.invoice({ deal_id: deal }).expect(201)).body.id);
    }
    const results = await Promise.all(drafts.map((id) => api.move(id, 'issue')));
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const year = new Date().getUTCFullYear();
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${year}-${String(i + 1).padStart(4, '0')}`));
    // A refused issue takes no number: the next one continues the sequence.
    await api.move(drafts[0], 'issue').expect(409);
    const deal = await api.deal('Numbered 21', account);
    await api.entries([entryOn('2026-03-02', 60, { deal_id: deal, user_id: org.admin.userId })]);
    const next = (await api.invoice({ deal_id: deal }).expect(201)).body;
    expect((await api.move(next.id, 'issue').expect(200)).body.number).toBe(`INV-${year}-0021`);
    const events = await org.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND type = 'invoice.issued'`, [org.admin.organizationId]);
    expect(events[0].n).toBe(21);
  });

  it('puts every billable entry on exactly one invoice when overlapping scopes are invoiced at once', async () => {
    const account = await api.account('Contested');
    const deals = [await api.deal('Contested A', account), await api.deal('Contested B', account), await api.deal('Contested C', account)];
    const bodies = Array.from({ length: 300 }, (_, i) => entryOn(`2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, 60 + i, { deal_id: deals[i % 3], user_id: org.admin.userId }));
    const ids = await api.entries(bodies);
    // The account twice, each deal, and halves of the month: all overlapping, all at once.
    const scopes = [
      { account_id: account },
      { account_id: account },
      ...deals.map((deal_id) => ({ deal_id })),
      { account_id: account, period_to: '2026-03-14' },
      { deal_id: deals[0], period_from: '2026-03-10' },
      { account_id: account, period_from: '2026-03-15' },
    ];
    // Hold every builder at its claim until all of them are inside their transactions, then let
    // them race: each sees no claims yet, and the unique key alone decides who gets an entry.
    const gate = org.db.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    await gate.query(`LOCK TABLE invoice_line_entries IN SHARE MODE`);
    const pending = Promise.all(scopes.map((scope) => api.invoice(scope).then((r) => r)));
    // Every builder waits at its claim: lock requests on the table not granted, read live through
    // the gate (pg_stat_activity is read once per transaction, so not from there).
    expect(await waitForLockWaiters((sql, params) => gate.query(sql, params), 'invoice_line_entries', scopes.length, 5_000, 25)).toBe(scopes.length);
    await gate.commitTransaction();
    await gate.release();
    const results = await pending;
    for (const r of results) expect([201, 422]).toContain(r.status);
    const made = results.filter((r) => r.status === 201).map((r) => r.body);
    expect(made.length).toBeGreaterThan(0);
    const billed = made.flatMap((inv) => inv.lines.flatMap((l: { time_entry_ids: string[] }) => l.time_entry_ids));
    expect(billed.length).toBe(new Set(billed).size);
    expect([...billed].sort()).toEqual([...ids].sort());
    // The invoices' totals add up to all the time at 100.00 an hour, each line rounded once.
    const stored = await org.db.query(
      `SELECT count(*)::int AS claims, count(DISTINCT time_entry_id)::int AS entries FROM invoice_line_entries WHERE organization_id = $1 AND invoice_id = ANY($2::uuid[])`,
      [org.admin.organizationId, made.map((m) => m.id)],
    );
    expect(stored[0]).toEqual({ claims: 300, entries: 300 });
    const totalSeconds = bodies.reduce((s, b) => s + (b.duration_seconds as number), 0);
    const sum = made.reduce((s, m) => s + Math.round(Number(m.subtotal) * 100), 0);
    expect(Math.abs(sum - (totalSeconds * 10000) / 3600)).toBeLessThanOrEqual(made.reduce((n, m) => n + m.lines.length, 0) * 0.5);
  });

  it('lets the database refuse a second claim on an entry whatever the caller', async () => {
    const deal = await api.deal('Claimed twice', null);
    const [entry] = await api.entries([entryOn('2026-03-03', 3600, { deal_id: deal, user_id: org.admin.userId })]);
    const invoice = (await api.invoice({ deal_id: deal }).expect(201)).body;
    await expect(
      org.db.query(`INSERT INTO invoice_line_entries (organization_id, invoice_id, time_entry_id) VALUES ($1, $2, $3)`, [org.admin.organizationId, invoice.id, entry]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505', constraint: 'invoice_line_entries_entry_key' }) });
  });
});
