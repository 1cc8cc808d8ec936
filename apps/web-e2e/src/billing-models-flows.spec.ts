import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describeViolations, runAxe } from './support/axe';
import { previewNewInvoice } from './support/invoice-dialog';
import { signedUpStack } from './support/session';

const run = Date.now().toString(36);
const H = 3600;

/** Cents of `seconds` at `rateCents` per hour, rounded half up (independent of the billing code). */
const overageCents = (seconds: number, rateCents: number) => Math.floor((2 * seconds * rateCents + H) / (2 * H));
/** `pct` % of `cents`, rounded half up to the cent. */
const taxCents = (cents: number, pct: number) => Math.floor((2 * cents * pct + 100) / 200);
const money = (c: number) => (c / 100).toFixed(2);
/** As the invoice table shows an amount: "1,313.96 USD". */
const shown = (c: number) => `${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Billing models in a real browser against the built api, worker and web app (issue #23): a
 * deal set to a retainer in the deal page's form, time ingested through the api past its hours,
 * the new-invoice preview showing the overage line at the amount computed here (hours over the
 * retainer × overage rate, to the cent), the invoice created and issued in the UI, and exported
 * for Xero from its page: the downloaded file parsed with csv-parse, every line, tax and the
 * currency checked.
 */
describe('web: billing models against the running stack', () => {
  const web = signedUpStack({ organization: `Retainly ${run}`, name: 'Rae Tainer', email: `rae-${run}@retainly.test` });
  const { call } = web;

  it('sets a deal to a retainer, shows the overage of the time past its hours on the preview, issues the invoice and exports it for Xero', async () => {
    const account = await call('POST', '/api/v1/accounts', { name: 'Initech' });
    const dealName = `Care plan ${run}`;
    const deal = await call<{ id: string; billing_model: string }>('POST', '/api/v1/deals', { name: dealName, account_id: account.id });
    expect(deal.billing_model).toBe('hourly');

    // The retainer's terms, typed in the deal page: 10 h a month for 1000.00, overage at 137.50/h, from 1 March.
    const terms = { hours: 10, priceCents: 100000, overageRateCents: 13750, startsOn: '2026-03-01' };
    await web.page.goto(`${web.stack.webUrl}/deals/${deal.id}`);
    const form = web.page.getByRole('form', { name: 'Billing model' });
    await form.getByLabel('Billing model').selectOption('retainer');
    await form.getByLabel('Hours per month').fill(String(terms.hours));
    await form.getByLabel('Monthly price').fill(money(terms.priceCents));
    await form.getByLabel('Overage rate per hour').fill(money(terms.overageRateCents));
    await form.getByLabel('Rollover (months)').fill('0');
    await form.getByLabel('Retainer starts on').fill(terms.startsOn);
    await form.getByRole('button', { name: 'Save billing model' }).click();
    await web.page.getByRole('heading', { name: 'Retainer this month' }).waitFor();
    const stored = await call<{ billing_model: string; retainer: unknown }>('GET', `/api/v1/deals/${deal.id}`);
    expect(stored).toMatchObject({ billing_model: 'retainer', retainer: { hours_per_month: '10.00', price_cents: terms.priceCents, overage_rate_cents: terms.overageRateCents, rollover_months: 0, starts_on: terms.startsOn } });
    await web.page.waitForLoadState('networkidle');
    const axe = await runAxe(web.page);
    expect(describeViolations('retainer deal page', axe.blocking)).toBe('');

    // 12 h 17 min in March through the agents' batch ingestion: 2 h 17 min past the 10 included hours.
    const seconds = [3 * H, 3 * H, 3 * H, 2 * H, H + 17 * 60];
    const entries = seconds.map((s, i) => {
      const start = new Date(`2026-03-0${i + 2}T09:00:00.000Z`);
      return { external_id: `retainer-${run}-${i}`, user_id: web.tokens.user.id, deal_id: deal.id, project_name: 'Care plan', start_time: start.toISOString(), end_time: new Date(start.getTime() + s * 1000).toISOString(), duration_seconds: s, activity_type: 'app', productivity_score: 0.8, source: 'agent', billable: true };
    });
    const ingested = await call<{ results: Array<{ status: string }> }>('POST', '/api/v1/time-entries/batch', { entries });
    expect(ingested.results.map((r) => r.status)).toEqual(seconds.map(() => 'created'));
    const usedSeconds = seconds.reduce((a, b) => a + b, 0);
    const overSeconds = usedSeconds - terms.hours * H;
    const overCents = overageCents(overSeconds, terms.overageRateCents);
    const subtotal = terms.priceCents + overCents;
    const tax = taxCents(subtotal, 10);

    await web.page.goto(`${web.stack.webUrl}/invoices`);
    const { dialog, preview } = await previewNewInvoice(web.page, { search: 'Initech', pick: 'Initech', from: '2026-03-01', to: '2026-03-31', taxPercent: '10', invoiceDate: '2026-04-01' });
    const hours = (s: number) => (s / H).toFixed(2);
    const retainerText = `${dealName} — Retainer 2026-03 (${hours(terms.hours * H)} h included, 0.00 h rolled over, ${hours(usedSeconds)} h used, 0.00 h left)`;
    expect(await preview.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/^Description\s+Hours\s+Rate\s+Amount$/i),
      expect.stringMatching(new RegExp(`^${escape(retainerText)}\\s+Retainer fee for the month\\s+Show 5 time entries\\s+${hours(usedSeconds)}\\s+Flat fee\\s+${escape(shown(terms.priceCents))}$`)),
      expect.stringMatching(new RegExp(`^${escape(`${dealName} — Overage 2026-03`)}\\s+Overage: hours beyond the retainer at the overage rate\\s+${hours(overSeconds)}\\s+${escape(money(terms.overageRateCents))} USD/h\\s+${escape(shown(overCents))}$`)),
      expect.stringMatching(new RegExp(`^Subtotal\\s+${escape(shown(subtotal))}$`)),
      expect.stringMatching(new RegExp(`^Tax 10%\\s+${escape(shown(tax))}$`)),
      expect.stringMatching(new RegExp(`^Total\\s+${escape(shown(subtotal + tax))}$`)),
    ]);

    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await web.page.getByRole('heading', { level: 1, name: 'Draft invoice for Initech' }).waitFor();
    const invoiceId = new URL(web.page.url()).pathname.split('/').pop() ?? '';
    await web.page.getByRole('button', { name: 'Issue invoice' }).click();
    const heading = web.page.getByRole('heading', { level: 1, name: /^Invoice INV-\d{4}-\d{4}$/ });
    await heading.waitFor();
    const number = (await heading.innerText()).replace('Invoice ', '');
    expect(await call<{ status: string; total: string }>('GET', `/api/v1/invoices/${invoiceId}`)).toMatchObject({ status: 'issued', total: money(subtotal + tax) });

    const download = web.page.waitForEvent('download');
    await web.page.getByRole('group', { name: 'Export for accounting' }).getByRole('button', { name: 'Export for Xero' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${number}-xero.csv`);
    const rows = parse(readFileSync((await file.path()) as string), { columns: true }) as Record<string, string>[];

    // One row per line; each line's tax is its 10 % (here each rounds half up to the invoice's split) and they add up to the invoice's tax.
    const common = { '*ContactName': 'Initech', '*InvoiceNumber': number, '*InvoiceDate': '01/04/2026', '*Quantity': '1', '*TaxType': 'Tax on Sales', Currency: 'USD' };
    expect(rows).toEqual([
      expect.objectContaining({ ...common, '*Description': retainerText, '*UnitAmount': money(terms.priceCents), TaxAmount: money(taxCents(terms.priceCents, 10)) }),
      expect.objectContaining({ ...common, '*Description': `${dealName} — Overage 2026-03: ${hours(overSeconds)} h × ${money(terms.overageRateCents)} USD/h`, '*UnitAmount': money(overCents), TaxAmount: money(taxCents(overCents, 10)) }),
    ]);
    expect(rows.reduce((sum, r) => sum + Math.round(Number(r.TaxAmount) * 100), 0)).toBe(tax);
    expect(rows.reduce((sum, r) => sum + Math.round(Number(r['*UnitAmount']) * 100), 0)).toBe(subtotal);
  });
});
