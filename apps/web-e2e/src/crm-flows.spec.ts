import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { accessToken, apiCall, capture, dragTo } from './support/app';
import { closeBrowserStack, desktopPage, signUpInForm } from './support/session';
import { launchBrowser, type Browser } from './support/browser';
import { screenshotDir } from './support/paths';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const admin = { org: `Northwind ${run}`, name: 'Ada Admin', email: `ada-${run}@northwind.test`, password: 'correct horse battery staple' };
const sales = { name: 'Sam Sales', email: `sam-${run}@northwind.test`, password: 'another long password' };

/**
 * The main flows of the app in a real browser against the built api and web app: sign up,
 * create an account, a contact and a deal, move the deal on the board, see ingested time on the
 * deal and in the report chart, assign an unmapped entry, and check what a sales user sees.
 */
describe('web: CRM flows against the running stack', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let dealId = '';
  let userId = '';

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
    page = await desktopPage(browser, pageErrors);
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));

  it('signs up a new organization and lands on the dashboard', async () => {
    await page.goto(stack.webUrl);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await capture(page, 'login-desktop');
    await page.getByRole('link', { name: 'Create an organization' }).click();
    await signUpInForm(page, admin);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual([
      'Dashboard', 'Accounts', 'Contacts', 'Deals', 'Tasks', 'Time Entries', 'My timesheet', 'Approvals', 'Reports', 'Invoices', 'Integrations', 'Sync conflicts', 'Unmatched emails', 'Audit log', 'Privacy', 'Settings',
    ]);
    const me = await apiCall<{ id: string; role: string }>(stack.apiUrl, await accessToken(page), 'GET', '/api/v1/users/me');
    expect(me.body.role).toBe('admin');
    userId = me.body.id;

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor(); // still signed in
  });

  it('creates an account, a contact at it and a deal with it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByText('No accounts yet').waitFor();
    await page.getByRole('button', { name: 'New account' }).first().click();
    const accountDialog = page.getByRole('dialog', { name: 'New account' });
    await accountDialog.getByLabel('Name').fill('Globex Corporation');
    await accountDialog.getByLabel('Industry').fill('Manufacturing');
    await accountDialog.getByLabel('Email domain').fill('globex.test');
    await accountDialog.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Globex Corporation' }).waitFor();

    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const contactDialog = page.getByRole('dialog', { name: 'New contact at Globex Corporation' });
    await contactDialog.getByLabel('First name').fill('Hank');
    await contactDialog.getByLabel('Last name').fill('Scorpio');
    await contactDialog.getByLabel('Email').fill('hank@globex.test');
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('link', { name: 'Hank Scorpio' }).waitFor();

    await page.getByRole('button', { name: 'Add deal' }).first().click();
    const dealDialog = page.getByRole('dialog', { name: 'New deal with Globex Corporation' });
    await dealDialog.getByLabel('Deal name').fill('Globex website rebuild');
    await dealDialog.getByLabel('Value').fill('48000');
    await dealDialog.getByRole('button', { name: 'Create deal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Globex website rebuild' }).waitFor();
    dealId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(dealId).toMatch(/^[0-9a-f-]{36}$/);

    await page.goto(`${stack.webUrl}/contacts`);
    await page.getByRole('table', { name: 'Contacts' }).getByRole('link', { name: 'Hank Scorpio' }).waitFor();
  });

  it('drags the deal to another stage and keeps it there after a reload', async () => {
    await page.goto(`${stack.webUrl}/deals`);
    const prospecting = page.getByRole('region', { name: 'Prospecting column' });
    const proposal = page.getByRole('region', { name: 'Proposal column' });
    await prospecting.getByRole('article', { name: 'Globex website rebuild' }).waitFor();

    const handle = await page.getByRole('button', { name: 'Move Globex website rebuild' }).boundingBox();
    const target = await proposal.boundingBox();
    if (!handle || !target) throw new Error('the board is not laid out');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/deals/${dealId}`));
    await dragTo(page, { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 }, { x: target.x + target.width / 2, y: target.y + 120 });
    expect((await saved).status()).toBe(200);
    await page.getByText('"Globex website rebuild" moved to Proposal').waitFor();

    await page.reload();
    await proposal.getByRole('article', { name: 'Globex website rebuild' }).waitFor();
    expect(await prospecting.getByRole('article').count()).toBe(0);
    // After the reload: the board as stored, without the drop animation (deals-desktop is the seeded board).
    await capture(page, 'deal-moved-desktop', 'Deals');
  });

  it('moves a deal with the keyboard', async () => {
    const handle = page.getByRole('button', { name: 'Move Globex website rebuild' });
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/deals/${dealId}`));
    await handle.focus();
    // At a person's pace: the board measures its columns once the card is picked up.
    for (const key of ['Space', 'ArrowRight', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250);
    }
    expect((await saved).status()).toBe(200);
    await page.getByRole('region', { name: 'Negotiation column' }).getByRole('article', { name: 'Globex website rebuild' }).waitFor();
  });

  it('shows a time entry ingested through the API on the deal page', async () => {
    const token = await accessToken(page);
    const entry = await apiCall<{ id: string; mapping_status: string; deal_id: string }>(stack.apiUrl, token, 'POST', '/api/v1/time-entries', {
      external_id: `agent-${run}-1`,
      user_id: userId,
      deal_id: dealId,
      project_name: 'Homepage wireframes',
      start_time: '2026-03-02T09:00:00.000Z',
      end_time: '2026-03-02T11:15:00.000Z',
      activity_type: 'app',
      productivity_score: 0.86,
      source: 'agent',
      billable: true,
    });
    expect(entry.status).toBe(201);
    expect(entry.body).toMatchObject({ mapping_status: 'mapped', deal_id: dealId });

    await page.goto(`${stack.webUrl}/deals/${dealId}`);
    const row = page.locator(`[data-entry-id="${entry.body.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Homepage wireframes');
    expect(await row.innerText()).toContain('2h 15m');
    expect(await row.getByText(/^(Synced|Pending)$/).count()).toBe(1);
    await page.getByLabel('New task title').fill('Send the wireframes to Hank');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Send the wireframes to Hank', { exact: true }).waitFor();
    await capture(page, 'deal-detail-desktop');
  });

  it('assigns an unmapped entry to the deal from the review queue', async () => {
    const token = await accessToken(page);
    const entry = await apiCall<{ id: string; mapping_status: string }>(stack.apiUrl, token, 'POST', '/api/v1/time-entries', {
      external_id: `agent-${run}-2`,
      user_id: userId,
      project_name: 'qzv kiosk sync',
      start_time: '2026-03-03T13:00:00.000Z',
      end_time: '2026-03-03T13:45:00.000Z',
      activity_type: 'app',
      productivity_score: 0.7,
      source: 'agent',
    });
    expect(entry.status).toBe(201);
    expect(entry.body.mapping_status).toBe('unmapped');

    await page.goto(`${stack.webUrl}/time-entries?view=review`);
    const queue = page.getByRole('table', { name: 'Unmapped time entries' });
    await queue.getByText('qzv kiosk sync').waitFor();
    await capture(page, 'review-queue-desktop');
    await queue.getByRole('combobox', { name: 'Deal for qzv kiosk sync' }).selectOption({ label: 'Globex website rebuild' });
    await queue.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('45m assigned to Globex website rebuild').waitFor();
    await page.getByText('The review queue is empty').waitFor();

    const stored = await apiCall<{ deal_id: string; mapping_status: string }>(stack.apiUrl, token, 'GET', `/api/v1/time-entries/${entry.body.id}`);
    expect(stored.body).toMatchObject({ deal_id: dealId, mapping_status: 'mapped' });
  });

  it('shows the tracked time of the deal in the report chart, and exports it as CSV', async () => {
    await page.goto(`${stack.webUrl}/reports?date_from=2026-03-01&date_to=2026-03-31`);
    const data = page.getByRole('table', { name: 'Time per deal data' });
    const row = data.getByRole('row').filter({ hasText: 'Globex website rebuild' });
    await row.waitFor({ state: 'attached' });
    // 2h 15m ingested on the deal and 45m assigned from the review queue.
    expect(await row.getByRole('cell').allTextContents()).toEqual(['3']);
    expect(await page.getByRole('img', { name: /^Time per deal\. Globex website rebuild: 3 h/ }).count()).toBe(1);
    await capture(page, 'reports-desktop', 'Reports');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Time per deal as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('time-per-deal-2026-03-01_2026-04-01.csv');
    const path = await file.path();
    expect(readFileSync(path, 'utf8')).toContain('Globex website rebuild');
  });

  it('does not show Settings to a sales user', async () => {
    const created = await apiCall(stack.apiUrl, await accessToken(page), 'POST', '/api/v1/users', { ...sales, role: 'sales' });
    expect(created.status).toBe(201);

    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(sales.email);
    await page.getByLabel('Password').fill(sales.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Dashboard', 'Accounts', 'Contacts', 'Deals', 'Tasks', 'My time', 'My timesheet']);
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await page.goto(`${stack.webUrl}/settings`);
    await page.getByText('This page is not available to your role').waitFor();
    await capture(page, 'settings-as-sales-desktop');
  });
});
