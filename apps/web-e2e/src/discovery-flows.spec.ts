import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { apiCall, capture } from './support/app';
import { describeViolations, runAxe } from './support/axe';
import { launchBrowser, type Browser } from './support/browser';
import { closeBrowserStack, desktopPage, storeSession } from './support/session';
import { screenshotDir, workspaceRoot } from './support/paths';
import { startStack, stackEnv, type Stack } from './support/stack';

interface Tokens {
  access_token: string;
  refresh_token: string;
  user: { id: string };
  organization: { id: string; name: string };
}

const run = Date.now().toString(36);

/**
 * Finding things and getting started, in a real browser against the built api and web app: the
 * command palette (Ctrl-K) finds a misspelt account and opens it, the onboarding checklist ticks a
 * step once its data exists, and "Load sample data" fills every main page of an empty organization.
 */
describe('web: search, onboarding and sample data', () => {
  let stack: Stack;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));

  async function signUp(tag: string): Promise<Tokens> {
    const res = await fetch(`${stack.apiUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_name: `Discovery ${tag} ${run}`, name: 'Dana Admin', email: `dana-${tag}-${run}@discovery.test`, password: 'correct horse battery staple' }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Tokens;
  }

  async function signedIn(tokens: Tokens): Promise<Page> {
    const page = await desktopPage(browser, pageErrors);
    await storeSession(page, stack, tokens);
    await page.goto(stack.webUrl);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    return page;
  }

  const post = async <T = { id: string }>(tokens: Tokens, path: string, body: unknown): Promise<T> => {
    const res = await apiCall<T>(stack.apiUrl, tokens.access_token, 'POST', path, body);
    if (res.status >= 300) throw new Error(`POST ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Every main page of the signed-in organization lists a record of the sample data, and none shows its empty state. */
  async function expectSampleDataOnEveryMainPage(page: Page): Promise<void> {
    // [path, h1, a sample record the page must list, the page's empty-state title]
    const pages: Array<[string, string, string, string]> = [
      ['/', 'Dashboard', 'Acme Corporation', 'No account has deals yet'],
      ['/accounts', 'Accounts', 'Globex Logistics', 'No accounts yet'],
      ['/contacts', 'Contacts', 'Pepper Potts', 'No contacts yet'],
      ['/deals', 'Deals', 'Globex shipment tracking', 'No deals yet'],
      ['/tasks', 'Tasks', 'Prepare tracking proposal deck', 'No tasks yet'],
      ['/time-entries', 'Time Entries', 'Acme Customer Portal', 'No time entries yet'],
      ['/time-entries?view=review', 'Time Entries', 'Trade fair preparation', 'The review queue is empty'],
      ['/time-entries?view=rules', 'Time Entries', 'Portal work', 'No mapping rules yet'],
      ['/reports', 'Reports', 'Acme customer portal', 'Nothing in this range'],
      ['/settings?tab=rates', 'Settings', '€110/h', 'No hourly rates yet'],
    ];
    for (const [path, heading, record, empty] of pages) {
      await page.goto(`${stack.webUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(record).first().waitFor({ state: 'attached' });
      expect({ path, empty: await page.getByText(empty).count() }).toEqual({ path, empty: 0 });
    }
  }

  it('finds "Acme Corportion" with Ctrl-K and opens the account with Enter; Escape gives focus back', async () => {
    const tokens = await signUp('search');
    const acme = await post(tokens, '/api/v1/accounts', { name: 'Acme Corporation', domain: 'acme-corp.test' });
    await post(tokens, '/api/v1/accounts', { name: 'Acne Treatment Labs' });
    const page = await signedIn(tokens);

    // Escape closes the palette and focus returns to the launcher that opened it.
    const launcher = page.getByRole('button', { name: 'Search…', exact: true });
    await launcher.click();
    const input = page.getByRole('combobox', { name: 'Search records and pages' });
    await input.waitFor();
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    // Focus comes back once the dialog has let go of it (a tick after it closes).
    await page.waitForFunction(() => document.activeElement?.hasAttribute('aria-keyshortcuts') === true, undefined, { timeout: 5_000 });
    expect(await launcher.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Control+k');
    await input.waitFor();
    await input.pressSequentially('Acme Corportion', { delay: 20 });
    const listbox = page.getByRole('listbox');
    const option = listbox.getByRole('option', { name: /Acme Corporation/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    // The open palette passes axe's checks (combobox, listbox, labels, contrast).
    const palette = await runAxe(page, '[role="dialog"]');
    expect(describeViolations('command palette', [...palette.blocking, ...palette.advisory])).toBe('');
    expect(await listbox.getByText('Accounts', { exact: true }).isVisible()).toBe(true);
    expect(await listbox.getByRole('option', { name: /Acne Treatment Labs/ }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Acme Corporation' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/accounts/${acme.id}`);
    expect(await input.count()).toBe(0);
    await page.close();
  });

  it('ticks the mapping-rule step of the checklist once a rule exists', async () => {
    const tokens = await signUp('onboarding');
    const page = await signedIn(tokens);
    const checklist = page.locator('section', { has: page.getByRole('heading', { name: 'Get set up' }) });
    await checklist.getByText('0 of 6 done').waitFor();
    const ruleStep = checklist.getByRole('listitem').filter({ hasText: 'Add a mapping rule' });
    expect(await ruleStep.textContent()).toContain(', to do');

    const deal = await post(tokens, '/api/v1/deals', { name: 'Onboarding deal' });
    await post(tokens, '/api/v1/mapping-rules', { name: 'Website work', project_name: 'Website', deal_id: deal.id });
    await page.reload();
    await checklist.getByText('1 of 6 done').waitFor();
    expect(await ruleStep.textContent()).toContain(', done');
    expect(await checklist.getByRole('link', { name: 'Add a mapping rule' }).getAttribute('href')).toBe('/time-entries?view=rules');
    const axe = await runAxe(page, 'section:has(h2)');
    expect(describeViolations('checklist', [...axe.blocking, ...axe.advisory])).toBe('');

    // Dismissed for the whole organization: gone after a reload too (the api says so).
    await checklist.getByRole('button', { name: 'Dismiss checklist' }).click();
    await page.getByRole('heading', { name: 'Get set up' }).waitFor({ state: 'detached' });
    expect((await apiCall<{ dismissed: boolean }>(stack.apiUrl, tokens.access_token, 'GET', '/api/v1/onboarding')).body.dismissed).toBe(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('heading', { name: 'Get set up' }).count()).toBe(0);
    await page.close();
  });

  it('loads sample data into an empty organization: every main page then shows rows, not an empty state', async () => {
    const tokens = await signUp('sample');
    const page = await signedIn(tokens);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await page.getByText(/^Sample data loaded: 5 accounts, 8 deals, \d+ time entries and an issued invoice\.$/).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'detached' });

    await expectSampleDataOnEveryMainPage(page);
    await capture(page, 'sample-data-deals-desktop');
    await page.close();
  });

  it('`npm run demo -- --org <id>` fills an empty organization: every main page then shows rows; a second run adds nothing', async () => {
    const tokens = await signUp('script');
    const { databaseUrl, redisUrl } = stackEnv();
    const demo = () =>
      promisify(execFile)('node', ['-r', './tools/register.js', 'tools/demo/demo.ts', '--org', tokens.organization.id], {
        cwd: workspaceRoot,
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn', QUEUE_PREFIX: `web-e2e-demo-${process.pid}` },
        timeout: 120_000,
      });
    expect((await demo()).stdout).toMatch(new RegExp(`^Sample data loaded into organization ${tokens.organization.id}: 5 accounts`, 'm'));
    expect((await demo()).stdout).toMatch(/Sample data is already there in organization .*; nothing added/);
    const page = await signedIn(tokens);
    await expectSampleDataOnEveryMainPage(page);
    await page.goto(`${stack.webUrl}/invoices`);
    await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    await page.getByText(/INV-\d{4}-\d{4}/).first().waitFor({ state: 'attached' });
    await page.close();
  });
});
