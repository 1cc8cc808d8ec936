import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { apiCall, capture } from './support/app';
import { previewNewInvoice } from './support/invoice-dialog';
import { launchBrowser, type Browser } from './support/browser';
import { screenshotDir } from './support/paths';
import { signUp, type Tokens } from './support/seed';
import { closeBrowserStack, desktopPage, storeSession } from './support/session';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery staple';
const RATE = 80;
/** Cents of `seconds` at `rate` per hour, rounded half up (independent of the billing code). */
const cents = (seconds: number, rate: number) => Math.round((seconds * rate * 100) / 3600);
const usd = (c: number) => `${(c / 100).toFixed(2)} USD`;

/**
 * Timesheet approval in a real browser: a person submits a week on "My timesheet", a manager
 * approves it on "Approvals", and an invoice of the deal built on the Invoices page (the
 * organization requires approved time) holds exactly the approved entries: its total is the
 * approved seconds × the hourly rate computed here, and the unapproved hour of the next week
 * (inside the invoiced period) is left out.
 */
describe('web: timesheet approval', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let admin: Tokens;
  const pageErrors: string[] = [];
  const api = <T>(token: string, method: string, path: string, body?: unknown) => apiCall<T>(stack.apiUrl, token, method, path, body);
  const person = { name: 'Pat Person', email: `pat-${run}@timesheets.test`, role: 'sales' };
  const manager = { name: 'Max Manager', email: `max-${run}@timesheets.test`, role: 'manager' };
  let personId = '';
  let deal = '';
  const approvedEntries: string[] = [];
  /** Seconds of the approved week's entries, and of the entry of the next week that nobody submits. */
  const approvedSeconds = [120 * 60, 90 * 60];
  const unapprovedSeconds = [60 * 60];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  /** Signs the browser in as this user (the session the login page would store). */
  async function signInAs(email: string): Promise<void> {
    const login = await fetch(`${stack.apiUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(login.status).toBe(200);
    const t = (await login.json()) as Tokens;
    await storeSession(page, stack, t);
  }

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
    admin = await signUp(stack.apiUrl, `Timesheet Org ${run}`, `ada-${run}@timesheets.test`);
    const token = admin.access_token;
    for (const user of [person, manager]) {
      const created = await api<{ id: string }>(token, 'POST', '/api/v1/users', { ...user, password: PASSWORD });
      expect(created.status).toBe(201);
      if (user === person) personId = created.body.id;
    }
    expect((await api(token, 'PATCH', '/api/v1/organization/settings', { invoices_require_approval: true })).status).toBe(200);
    const account = await api<{ id: string }>(token, 'POST', '/api/v1/accounts', { name: `Timesheet Client ${run}` });
    deal = (await api<{ id: string }>(token, 'POST', '/api/v1/deals', { name: 'Portal build', account_id: account.body.id })).body.id;
    expect((await api(token, 'POST', '/api/v1/rates', { hourly_rate: RATE.toFixed(2), currency: 'USD', valid_from: '2026-01-01' })).status).toBe(201);
    const entry = async (start: string, seconds: number) => {
      const end = new Date(Date.parse(start) + seconds * 1000).toISOString();
      const res = await api<{ id: string }>(token, 'POST', '/api/v1/time-entries', {
        user_id: personId, deal_id: deal, start_time: start, end_time: end, duration_seconds: seconds, activity_type: 'app', productivity_score: 0.8, source: 'agent', billable: true,
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    // The week of Monday 2026-11-02: 2 h on Monday, 1.5 h on Wednesday; 1 h the week after, not submitted.
    approvedEntries.push(await entry('2026-11-02T09:00:00.000Z', approvedSeconds[0]), await entry('2026-11-04T13:00:00.000Z', approvedSeconds[1]));
    await entry('2026-11-10T09:00:00.000Z', unapprovedSeconds[0]);

    page = await desktopPage(browser, pageErrors);
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));

  it('the person submits the week on My timesheet', async () => {
    await signInAs(person.email);
    await page.goto(`${stack.webUrl}/timesheet?date=2026-11-04`);
    await page.getByRole('heading', { level: 1, name: 'My timesheet' }).waitFor();
    const grid = page.getByRole('table', { name: 'Hours from Nov 2, 2026 – Nov 8, 2026' });
    const row = grid.getByRole('row', { name: /Portal build/ });
    // The grid's heading shows before its hours have loaded: wait for the deal's row.
    await row.waitFor();
    const hours = (seconds: number) => (seconds / 3600).toFixed(2);
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([hours(approvedSeconds[0]), '', hours(approvedSeconds[1]), '', '', '', '', hours(sum(approvedSeconds))]);
    await capture(page, 'timesheet-desktop', 'My timesheet');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Submitted the timesheet of 2026-11-02').waitFor();
    await page.getByText('Submitted', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Submit', exact: true }).isDisabled()).toBe(true);
  });

  it('the manager approves it on Approvals', async () => {
    await signInAs(manager.email);
    await page.goto(`${stack.webUrl}/timesheet`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    const item = page.getByRole('article', { name: 'Pat Person, Nov 2, 2026 – Nov 8, 2026' });
    await item.waitFor();
    expect(await item.getByRole('row', { name: /Portal build/ }).innerText()).toContain((sum(approvedSeconds) / 3600).toFixed(2));
    await capture(page, 'approvals-desktop', 'Approvals');
    await item.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waiting for approval').waitFor();
  });

  it('an invoice of the deal built on the Invoices page takes exactly the approved time', async () => {
    const billed = cents(sum(approvedSeconds), RATE);
    expect(billed).not.toBe(cents(sum([...approvedSeconds, ...unapprovedSeconds]), RATE)); // the check below can tell the two apart
    await storeSession(page, stack, admin);
    await page.goto(`${stack.webUrl}/invoices`);
    await page.getByText('No invoices yet').waitFor();
    // The whole month: the unapproved entry of Nov 10 lies inside the period.
    const { dialog, preview } = await previewNewInvoice(page, { billing: 'Deal', search: 'Portal', pick: 'Portal build', from: '2026-11-01', to: '2026-11-30', invoiceDate: '2026-12-01' });
    const line = `Portal build — ${person.name}`;
    expect(await preview.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/^Description\s+Hours\s+Rate\s+Amount$/i),
      expect.stringMatching(new RegExp(`^${line}\\s+Show ${approvedSeconds.length} time entries\\s+${(sum(approvedSeconds) / 3600).toFixed(2)}\\s+${RATE.toFixed(2)} USD/h\\s+${usd(billed)}$`)),
      expect.stringMatching(new RegExp(`^Subtotal\\s+${usd(billed)}$`)),
      expect.stringMatching(/^Tax 0%\s+0\.00 USD$/),
      expect.stringMatching(new RegExp(`^Total\\s+${usd(billed)}$`)),
    ]);
    await dialog.getByRole('button', { name: `Show ${approvedSeconds.length} time entries of ${line}` }).click();
    const entries = dialog.getByRole('list', { name: `Time entries of ${line}` });
    await entries.getByRole('listitem').nth(approvedSeconds.length - 1).waitFor();
    expect((await entries.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' '))).toEqual(['Nov 2, 2026', 'Nov 4, 2026']);

    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name: `Draft invoice for Timesheet Client ${run}` }).waitFor();
    await page.getByRole('status').filter({ hasText: `Draft, total ${usd(billed)}` }).waitFor();
    const invoiceId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await api<{ lines: { time_entry_ids: string[]; seconds: number }[]; total: string }>(admin.access_token, 'GET', `/api/v1/invoices/${invoiceId}`);
    expect(stored.status).toBe(200);
    expect(stored.body.lines.flatMap((l) => l.time_entry_ids).sort()).toEqual([...approvedEntries].sort());
    expect(stored.body.lines.reduce((s, l) => s + l.seconds, 0)).toBe(sum(approvedSeconds));
    expect(stored.body.total).toBe((billed / 100).toFixed(2));
  });
});
