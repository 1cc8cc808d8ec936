import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { signedUpStack } from './support/session';

const run = Date.now().toString(36);

/**
 * Accounting export in a real browser against the built api and web app: an invoice issued
 * through the api, exported for Xero from its page, the downloaded file parsed and checked
 * against amounts worked out here (1.5 h and 0.75 h at 120.00 USD, tax 10 %).
 */
describe('web: accounting exports against the running stack', () => {
  const web = signedUpStack({ organization: `Ledgerly ${run}`, name: 'Kim Books', email: `kim-${run}@ledgerly.test` });
  const { call } = web;
  const entry = (deal: string, day: string, seconds: number) => {
    const start = new Date(`${day}T09:00:00.000Z`);
    return { external_id: `acct-${run}-${day}`, user_id: web.tokens.user.id, deal_id: deal, project_name: 'Ledger', start_time: start.toISOString(), end_time: new Date(start.getTime() + seconds * 1000).toISOString(), activity_type: 'app', productivity_score: 0.9, source: 'agent', billable: true };
  };

  it('exports an issued invoice for Xero from its page: every line, the tax and the currency', async () => {
    const account = await call('POST', '/api/v1/accounts', { name: 'Vandelay Industries' });
    const deal = await call('POST', '/api/v1/deals', { name: 'Import audit', account_id: account.id });
    await call('POST', '/api/v1/rates', { hourly_rate: '120.00', currency: 'USD', valid_from: '2026-01-01' });
    await call('POST', '/api/v1/time-entries', entry(deal.id, '2026-03-02', 5400));
    await call('POST', '/api/v1/time-entries', entry(deal.id, '2026-03-03', 2700));
    const draft = await call<{ id: string }>('POST', '/api/v1/invoices', { account_id: account.id, period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', tax_rate_percent: '10', invoice_date: '2026-04-01' });
    const issued = await call<{ number: string }>('POST', `/api/v1/invoices/${draft.id}/issue`);

    await web.page.goto(`${web.stack.webUrl}/invoices/${draft.id}`);
    await web.page.getByRole('heading', { level: 1, name: `Invoice ${issued.number}` }).waitFor();
    const download = web.page.waitForEvent('download');
    await web.page.getByRole('group', { name: 'Export for accounting' }).getByRole('button', { name: 'Export for Xero' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${issued.number}-xero.csv`);
    const rows = parse(readFileSync((await file.path()) as string), { columns: true }) as Record<string, string>[];

    // 8100 s at 120.00 USD = 270.00 in one line (one deal, one person); tax 10 % = 27.00.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ '*ContactName': 'Vandelay Industries', '*InvoiceNumber': issued.number, '*InvoiceDate': '01/04/2026', '*DueDate': '01/05/2026', '*Quantity': '1', '*UnitAmount': '270.00', TaxAmount: '27.00', Currency: 'USD' });
    expect(rows[0]['*Description']).toContain('2.25 h × 120.00 USD/h');
    expect(web.pageErrors).toEqual([]);
  });
});
