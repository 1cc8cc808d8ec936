import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from './support/app';
import { describeViolations, elementCount, runAxe } from './support/axe';
import { launchBrowser, type Browser } from './support/browser';
import { overlays } from './support/dialogs';
import { mainPages } from './support/pages';
import { seedOrganization } from './support/seed';
import { startStack, type Stack } from './support/stack';

/**
 * axe-core (WCAG 2.0/2.1, A and AA) on the sign-in page, every main page, an account and a deal,
 * and every dialog, menu, confirmation and drawer they open, on a desktop and a phone, with a
 * seeded organization. Serious and critical violations fail; moderate and minor ones are printed.
 */
describe('web: accessibility (axe, WCAG 2.1 AA)', () => {
  let stack: Stack;
  let browser: Browser;
  let session = '';

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    const tokens = await seedOrganization(stack.apiUrl, `a11y-${Date.now().toString(36)}`);
    session = JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, user: tokens.user, organization: tokens.organization });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)('finds no serious or critical violation on a %s', async (label, viewport) => {
    const blocking: string[] = [];
    const advisory: string[] = [];
    const counts: string[] = [];
    const check = async (page: Page, where: string) => {
      const report = await runAxe(page);
      counts.push(`${where}: ${report.blocking.length} serious/critical rules (${elementCount(report.blocking)} elements), ${report.advisory.length} moderate/minor`);
      if (report.blocking.length) blocking.push(describeViolations(where, report.blocking));
      if (report.advisory.length) advisory.push(describeViolations(where, report.advisory));
    };

    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${stack.webUrl}/login`);
    await page.evaluate(() => localStorage.removeItem('clockwork.session'));
    await page.goto(`${stack.webUrl}/login`);
    await settle(page, 'Sign in');
    await check(page, 'login');

    await page.evaluate((value) => localStorage.setItem('clockwork.session', value), session);
    for (const [name, path, heading] of mainPages) {
      await page.goto(`${stack.webUrl}${path}`);
      await settle(page, heading);
      await check(page, name);
    }
    // Record pages, reached by their links: an account and one of its deals.
    await page.goto(`${stack.webUrl}/accounts`);
    await page.getByRole('link', { name: 'Stark Industries' }).first().click();
    await settle(page, 'Stark Industries');
    await check(page, 'account-detail');
    await page.getByRole('link', { name: 'Factory dashboard' }).first().click();
    await settle(page, 'Factory dashboard');
    await check(page, 'deal-detail');

    for (const overlay of overlays) {
      if (overlay.only && overlay.only !== label) continue;
      await page.goto(`${stack.webUrl}${overlay.path}`);
      await settle(page, overlay.heading);
      await overlay.prepare?.(page);
      await overlay.opener(page).click();
      await overlay.opened(page).waitFor();
      await check(page, `${overlay.name} (open)`);
    }
    await page.close();

    console.log(`axe on ${label}:\n${counts.join('\n')}${advisory.length ? `\n\nmoderate/minor (not failing):\n${advisory.join('\n')}` : ''}`);
    expect(blocking.join('\n')).toBe('');
  }, 300_000); // some 35 views, each settled and analysed
});

/** The page's h1 is there, its requests are done and no skeleton is left. */
async function settle(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.animate-pulse').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}
