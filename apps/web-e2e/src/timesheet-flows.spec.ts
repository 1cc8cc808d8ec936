import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { apiCall, capture, DESKTOP } from './support/app';
import { launchBrowser, type Browser } from './support/browser';
import { screenshotDir } from './support/paths';
import type { Tokens } from './support/seed';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const PASSWORD = 'correct horse battery staple';


/**
 * Timesheet approval in a real browser: a person submits a week on "My timesheet", a manager
 * approves it on "Approvals", and an invoice of the deal (the organization requires approved
 * time) holds exactly the approved entries.
 */
describe('web: timesheet approval', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let admin: Tokens;
  let pageErrors: string[] = [];
  const api = <T>(token: string, method: string, path: string, body?: unknown) => apiCall<T>(stack.apiUrl, token, method, path, body);
  const person = { name: 'Pat Person', email: `pat-${run}@timesheets.test`, role: 'sales' };
  const manager = { name: 'Max Manager', email: `max-${run}@timesheets.test`, role: 'manager' };
  let personId = '';
  let deal = '';
  const approvedEntries: string[] = [];

  /** Signs the browser in as this user (the session the login page would store). */
  async function signInAs(email: string): Promise<void> {
    const login = await fetch(`${stack.apiUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(login.status).toBe(200);
    const t = (await login.json()) as Tokens;
    await page.goto(`${stack.webUrl}/login`);
    const session = JSON.stringify({ access_token: t.access_token, refresh_token: t.refresh_token, user: t.user, organization: t.organization });
    await page.evaluate((value) => localStorage.setItem('clockwork.session', value), session);
  }

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
    const signup = await fetch(`${stack.apiUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_name: `Timesheet Org ${run}`, name: 'Ada Admin', email: `ada-${run}@timesheets.test`, password: PASSWORD }),
    });
    expect(signup.status).toBe(201);
    admin = (await signup.json()) as Tokens;
    const token = admin.access_token;
    for (const user of [person, manager]) {
      const created = await api<{ id: string }>(token, 'POST', '/api/v1/users', { ...user, password: PASSWORD });
      expect(created.status).toBe(201);
      if (user === person) personId = created.body.id;
    }
    expect((await api(token, 'PATCH', '/api/v1/organization/settings', { invoices_require_approval: true })).status).toBe(200);
    const account = await api<{ id: string }>(token, 'POST', '/api/v1/accounts', { name: `Timesheet Client ${run}` });
    deal = (await api<{ id: string }>(token, 'POST', '/api/v1/deals', { name: 'Portal build', account_id: account.body.id })).body.id;
    expect((await api(token, 'POST', '/api/v1/rates', { hourly_rate: '80.00', currency: 'USD', valid_from: '2026-01-01' })).status).toBe(201);
    const entry = async (start: string, minutes: number) => {
      const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
      const res = await api<{ id: string }>(token, 'POST', '/api/v1/time-entries', {
        user_id: personId, deal_id: deal, start_time: start, end_time: end, duration_seconds: minutes * 60, activity_type: 'app', productivity_score: 0.8, source: 'agent', billable: true,
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    // The week of Monday 2026-11-02: 2 h on Monday, 1.5 h on Wednesday; 1 h the week after, not submitted.
    approvedEntries.push(await entry('2026-11-02T09:00:00.000Z', 120), await entry('2026-11-04T13:00:00.000Z', 90));
    await entry('2026-11-10T09:00:00.000Z', 60);

    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize(DESKTOP);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
    pageErrors = [];
  });

  it('the person submits the week on My timesheet', async () => {
    await signInAs(person.email);
    await page.goto(`${stack.webUrl}/timesheet?date=2026-11-04`);
    await page.getByRole('heading', { level: 1, name: 'My timesheet' }).waitFor();
    const grid = page.getByRole('table', { name: 'Hours from Nov 2, 2026 – Nov 8, 2026' });
    const row = grid.getByRole('row', { name: /Portal build/ });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['2.00', '', '1.50', '', '', '', '', ((120 + 90) / 60).toFixed(2)]);
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
    expect(await item.getByRole('row', { name: /Portal build/ }).innerText()).toContain(((120 + 90) / 60).toFixed(2));
    await capture(page, 'approvals-desktop', 'Approvals');
    await item.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waiting for approval').waitFor();
  });

  it('an invoice of the deal takes exactly the approved entries', async () => {
    const invoice = await api<{ lines: { time_entry_ids: string[]; seconds: number }[]; subtotal: string }>(admin.access_token, 'POST', '/api/v1/invoices', {
      deal_id: deal, period_from: '2026-11-01', period_to: '2026-11-30', currency: 'USD',
    });
    expect(invoice.status).toBe(201);
    expect(invoice.body.lines.flatMap((l) => l.time_entry_ids).sort()).toEqual([...approvedEntries].sort());
    expect(invoice.body.lines.reduce((s, l) => s + l.seconds, 0)).toBe((120 + 90) * 60);
    expect(invoice.body.subtotal).toBe(((210 / 60) * 80).toFixed(2));
  });
});
