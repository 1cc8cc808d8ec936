import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
// One PDF text extraction for the api and browser e2e tests (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pdfText } from '../../../tools/testing/pdf-text';
import { previewNewInvoice } from './support/invoice-dialog';
import { signedUpStack } from './support/session';

const run = Date.now().toString(36);

/** Cents of `seconds` at `rate` per hour, rounded half up (independent of the billing code). */
const cents = (seconds: number, rate: number) => Math.round((seconds * rate * 100) / 3600);
const usd = (c: number) => `${(c / 100).toFixed(2)} USD`;

/**
 * Billing in a real browser against the built api and web app: billable time ingested through
 * the api (with an hourly rate), an invoice previewed and created in the UI, issued, its PDF
 * downloaded through the UI, the issue seen by the api and in the Audit log page; and issuing
 * with the keyboard only.
 */
describe('web: billing flows against the running stack', () => {
  const web = signedUpStack({ organization: `Hooli ${run}`, name: 'Pat Finance', email: `pat-${run}@hooli.test` });
  let invoiceId = '';
  const { call } = web;
  const entry = (deal: string, day: string, seconds: number, project: string) => {
    const start = new Date(`${day}T09:00:00.000Z`);
    return { external_id: `bill-${run}-${deal.slice(-6)}-${day}`, user_id: web.tokens.user.id, deal_id: deal, project_name: project, start_time: start.toISOString(), end_time: new Date(start.getTime() + seconds * 1000).toISOString(), activity_type: 'app', productivity_score: 0.9, source: 'agent', billable: true };
  };

  it('previews and creates an invoice in the UI, issues it, downloads its PDF, and the api and the audit log show it issued', async () => {
    const account = await call('POST', '/api/v1/accounts', { name: 'Globodyne' });
    const deal = await call('POST', '/api/v1/deals', { name: 'Search revamp', account_id: account.id });
    await call('POST', '/api/v1/rates', { hourly_rate: '120.00', currency: 'USD', valid_from: '2026-01-01' });
    for (const body of [entry(deal.id, '2026-03-02', 5400, 'Ranking model'), entry(deal.id, '2026-03-03', 2700, 'Query parser')]) {
      expect((await call<{ mapping_status: string }>('POST', '/api/v1/time-entries', body)).mapping_status).toBe('mapped');
    }
    const subtotal = cents(5400 + 2700, 120);
    const tax = Math.round(subtotal * 0.1);
    const total = usd(subtotal + tax);

    await web.page.goto(`${web.stack.webUrl}/invoices`);
    await web.page.getByText('No invoices yet').waitFor();
    const { dialog, preview } = await previewNewInvoice(web.page, { search: 'Globo', pick: 'Globodyne', from: '2026-03-01', to: '2026-03-31', taxPercent: '10', invoiceDate: '2026-04-01' });
    expect(await preview.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/^Description\s+Hours\s+Rate\s+Amount$/i),
      expect.stringMatching(new RegExp(`^Search revamp — Pat Finance\\s+Show 2 time entries\\s+2\\.25\\s+120\\.00 USD/h\\s+${usd(subtotal)}$`)),
      expect.stringMatching(new RegExp(`^Subtotal\\s+${usd(subtotal)}$`)),
      expect.stringMatching(new RegExp(`^Tax 10%\\s+${usd(tax)}$`)),
      expect.stringMatching(new RegExp(`^Total\\s+${total}$`)),
    ]);
    await dialog.getByRole('button', { name: 'Show 2 time entries of Search revamp — Pat Finance' }).click();
    const entries = dialog.getByRole('list', { name: 'Time entries of Search revamp — Pat Finance' });
    expect((await entries.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual(['Mar 2, 2026 Ranking model 1h 30m', 'Mar 3, 2026 Query parser 45m']);
    expect((await call<{ data: unknown[] }>('GET', '/api/v1/invoices')).data).toEqual([]); // the preview stored nothing

    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await web.page.getByRole('heading', { level: 1, name: 'Draft invoice for Globodyne' }).waitFor();
    invoiceId = new URL(web.page.url()).pathname.split('/').pop() ?? '';
    await web.page.getByRole('button', { name: 'Issue invoice' }).click();
    const heading = web.page.getByRole('heading', { level: 1, name: /^Invoice INV-\d{4}-\d{4}$/ });
    await heading.waitFor();
    const number = (await heading.innerText()).replace('Invoice ', '');

    const download = web.page.waitForEvent('download');
    await web.page.getByRole('button', { name: 'Download PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${number}.pdf`);
    const pdf = readFileSync((await file.path()) as string);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = pdfText(pdf);
    expect(text).toContain(`Invoice ${number}`);
    expect(text).toContain(total);

    const stored = await call<{ status: string; number: string; total: string }>('GET', `/api/v1/invoices/${invoiceId}`);
    expect(stored).toMatchObject({ status: 'issued', number, total: total.replace(' USD', '') });

    await web.page.goto(`${web.stack.webUrl}/audit-log?object_type=invoice&action=issue`);
    const events = web.page.getByRole('table', { name: 'Audit events' });
    await events.waitFor();
    const row = events.getByRole('row').filter({ has: web.page.locator(`a[href="/invoices/${invoiceId}"]`) });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/Issue/);
    expect(await row.innerText()).toContain('Pat Finance');
  });

  it('issues a draft with the keyboard only (Tab, Enter and Space), with the focus visible on the way', async () => {
    const account = await call('POST', '/api/v1/accounts', { name: 'Keyboard Co' });
    const deal = await call('POST', '/api/v1/deals', { name: 'Shortcut audit', account_id: account.id });
    await call('POST', '/api/v1/time-entries', entry(deal.id, '2026-03-09', 3600, 'Tab order'));
    const draft = await call<{ id: string; total: string }>('POST', '/api/v1/invoices', { deal_id: deal.id, period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', invoice_date: '2026-04-01' });
    expect(draft.total).toBe((cents(3600, 120) / 100).toFixed(2));

    await web.page.goto(`${web.stack.webUrl}/invoices?status=draft`);
    await web.page.getByRole('table', { name: 'Invoices' }).waitFor();
    await tabTo(web.page, 'Draft invoice for Keyboard Co');
    await web.page.keyboard.press('Enter');
    await web.page.getByRole('heading', { level: 1, name: 'Draft invoice for Keyboard Co' }).waitFor();
    await tabTo(web.page, 'Issue invoice');
    await web.page.keyboard.press('Space');
    await web.page.getByRole('heading', { level: 1, name: /^Invoice INV-\d{4}-\d{4}$/ }).waitFor();
    // The button is gone: the focus is on the new state, not lost to the page.
    await web.page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Issued, total'));
    expect((await call<{ status: string }>('GET', `/api/v1/invoices/${draft.id}`)).status).toBe('issued');
  });
});

/** Presses Tab until the focused element's accessible text is `name` (at most 80 times), checking its focus is visible. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      return { name: (el.getAttribute('aria-label') ?? el.innerText ?? '').trim(), visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
    });
    if (focused?.name === name) {
      expect(focused.visible).toBe(true);
      return;
    }
  }
  throw new Error(`"${name}" was not reached with Tab`);
}
