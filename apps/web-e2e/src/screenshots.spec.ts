import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { accessToken, apiCall, capture, DESKTOP, PHONE } from './support/app';
import { launchBrowser, type Browser } from './support/browser';
import { mainPages } from './support/pages';
import { screenshotDir } from './support/paths';
import { seedOrganization } from './support/seed';
import { startStack, type Stack } from './support/stack';

/** Screenshots of every main page on a desktop and a phone, with a seeded organization. */
describe('web: screenshots of the main pages', () => {
  let stack: Stack;
  let browser: Browser;
  let session = '';
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
    const tokens = await seedOrganization(stack.apiUrl, Date.now().toString(36));
    session = JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, user: tokens.user, organization: tokens.organization });
    // A scheduled report, so the Reports page shows its list of schedules.
    const schedule = { report: 'time-per-deal', params: { range: 'last_month' }, frequency: 'monthly', day_of_month: 1, hour: 7, timezone: 'Europe/Berlin', recipients: ['finance@initech.test', 'ceo@initech.test'], format: 'pdf' };
    expect((await apiCall(stack.apiUrl, tokens.access_token, 'POST', '/api/v1/report-schedules', schedule)).status).toBe(201);
    // Last week's timesheet submitted, so Approvals shows a queue.
    const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await apiCall(stack.apiUrl, tokens.access_token, 'POST', '/api/v1/timesheets/submit', { date: lastWeek })).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(viewport);
    await page.goto(`${stack.webUrl}/login`);
    await page.evaluate((value) => localStorage.setItem('clockwork.session', value), session);
    return page;
  }

  /** Elements that stick out past the right edge (a page should never scroll sideways). */
  async function overflowing(page: Page, width: number): Promise<string[]> {
    return page.evaluate((limit) => {
      if (document.documentElement.scrollWidth <= limit) return [];
      return Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((el) => el.getBoundingClientRect().right > limit + 1 && !el.closest('[class*="overflow-x-auto"], [class*="overflow-auto"]'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 80)}`);
    }, width);
  }

  async function accountPath(page: Page): Promise<string> {
    await page.goto(`${stack.webUrl}/accounts`);
    const link = page.getByRole('link', { name: 'Stark Industries' });
    await link.waitFor();
    return (await link.getAttribute('href')) ?? '';
  }

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('captures each main page on a %s', async (label, viewport) => {
    // The sign-in page (password and "Sign in with SSO"), before the session is stored.
    const signIn = await browser.context.newPage();
    signIn.on('pageerror', (e) => errors.push(e.message));
    await signIn.setViewportSize(viewport);
    await signIn.goto(`${stack.webUrl}/login`);
    await signIn.evaluate(() => localStorage.removeItem('clockwork.session')); // the context is shared: the other viewport's run signed in
    await signIn.goto(`${stack.webUrl}/login`);
    await capture(signIn, `login-${label}`, 'Sign in');
    expect(await overflowing(signIn, viewport.width)).toEqual([]);
    await signIn.close();

    const page = await signedInPage(viewport);
    for (const [name, path, heading] of mainPages) {
      await page.goto(`${stack.webUrl}${path}`);
      await capture(page, `${name}-${label}`, heading);
      expect({ page: name, overflowing: await overflowing(page, viewport.width) }).toEqual({ page: name, overflowing: [] });
    }
    // The getting-started checklist on the dashboard, then the command palette open over it.
    await page.goto(`${stack.webUrl}/`);
    await page.getByRole('heading', { name: 'Get set up' }).waitFor();
    await capture(page, `onboarding-checklist-${label}`, 'Dashboard');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search records and pages' }).pressSequentially('Stark Industres', { delay: 20 });
    await page.getByRole('option', { name: /Stark Industries/ }).waitFor();
    await page.screenshot({ path: `${screenshotDir}/command-palette-${label}.png` });
    expect(await overflowing(page, viewport.width)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Single sign-on once configured: the login URL to copy, the stored secret only said to be set.
    const sso = { issuer_url: 'https://login.initech.test', client_id: 'clockwork-crm', client_secret: 'e2e-client-secret', allowed_domains: ['initech.test'], slug: `initech-${Date.now().toString(36)}` };
    expect((await apiCall(stack.apiUrl, await accessToken(page), 'PUT', '/api/v1/sso/config', sso)).status).toBe(200);
    await page.goto(`${stack.webUrl}/settings?tab=sso`);
    await page.getByRole('button', { name: 'Copy login url' }).waitFor();
    await capture(page, `settings-sso-configured-${label}`, 'Settings');
    expect(await overflowing(page, viewport.width)).toEqual([]);

    await page.goto(`${stack.webUrl}${await accountPath(page)}`);
    await capture(page, `account-detail-${label}`, 'Stark Industries');
    expect(await overflowing(page, viewport.width)).toEqual([]);
    await page.getByRole('link', { name: 'Factory dashboard' }).click();
    await capture(page, `deal-detail-${label}`, 'Factory dashboard');
    expect(await overflowing(page, viewport.width)).toEqual([]);

    await page.goto(`${stack.webUrl}/invoices`);
    await page.getByRole('link', { name: /^Invoice INV-/ }).first().click();
    await capture(page, `invoice-detail-${label}`, `Invoice INV-${new Date().getUTCFullYear()}-0001`);
    expect(await overflowing(page, viewport.width)).toEqual([]);

    await page.goto(`${stack.webUrl}/audit-log?object_type=contact`);
    await page.getByRole('button', { name: /^Show \d+ changes?: Create contact/ }).first().click();
    await capture(page, `audit-log-changes-${label}`, 'Audit log');
    expect(await overflowing(page, viewport.width)).toEqual([]);

    const sidebar = page.getByRole('navigation', { name: 'Main' });
    if (label === 'phone') {
      expect(await sidebar.isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('dialog', { name: 'Navigation menu' }).waitFor();
      await page.screenshot({ path: `${screenshotDir}/navigation-phone.png` });
    } else {
      expect(await sidebar.isVisible()).toBe(true);
    }
    await page.close();
    expect(errors).toEqual([]);
  });
});
