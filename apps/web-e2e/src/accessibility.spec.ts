import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from './support/app';
import { describeViolations, elementCount, runAxe } from './support/axe';
import { launchBrowser, type Browser } from './support/browser';
import { overlays } from './support/dialogs';
import { mainPages, recordPages } from './support/pages';
import { seedOrganization, sessionOf, signUp, type SeedRecords } from './support/seed';
import { startStack, type Stack } from './support/stack';

/**
 * axe-core (WCAG 2.0/2.1, A and AA) on the sign-in page, every main page, the seeded account,
 * contact, deal and invoices, and every dialog, menu, confirmation and drawer they open, on a
 * desktop and a phone, with a seeded organization. Pages and overlays are separate tests, each
 * within its own timeout. Serious and critical violations fail; moderate and minor ones are printed.
 */
describe('web: accessibility (axe, WCAG 2.1 AA)', () => {
  let stack: Stack;
  /** One browser a viewport: the two are audited side by side, each with its own session storage. */
  const browsers = new Map<string, Browser>();
  let session = '';
  let emptySession = '';
  let records: SeedRecords;

  const views = [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const;
  type View = (typeof views)[number][0];

  beforeAll(async () => {
    stack = await startStack();
    for (const [label] of views) browsers.set(label, await launchBrowser());
    const tokens = await seedOrganization(stack.apiUrl, `a11y-${Date.now().toString(36)}`);
    records = tokens.records;
    session = sessionOf(tokens);
    // A new organization: its dashboard offers "Load sample data" and the onboarding checklist.
    emptySession = sessionOf(await signUp(stack.apiUrl, 'Hooli Studio', `maya-a11y-new-${Date.now().toString(36)}@hooli.test`));
  });

  afterAll(async () => {
    await Promise.all([...browsers.values()].map((b) => b.close()));
    await stack?.stop();
  });

  const signIn = (page: Page, as = session) => page.evaluate((value) => localStorage.setItem('clockwork.session', value), as);

  /**
   * Runs `visit` on a fresh page of each viewport (opened on the sign-in page), the two side by
   * side (axe's work is the browser's, one renderer each), axe on every view it checks; fails on
   * the serious and critical violations of either, naming the viewport.
   */
  const audit = async (kind: string, visit: (page: Page, check: (where: string) => Promise<void>, view: View) => Promise<void>) => {
    const reports = await Promise.all(
      views.map(async ([label, viewport]) => {
        const blocking: string[] = [];
        const advisory: string[] = [];
        const counts: string[] = [];
        const page = await (browsers.get(label) as Browser).context.newPage();
        try {
          await page.setViewportSize(viewport);
          await page.goto(`${stack.webUrl}/login`);
          await visit(page, async (where) => {
            const report = await runAxe(page);
            counts.push(`${where}: ${report.blocking.length} serious/critical rules (${elementCount(report.blocking)} elements), ${report.advisory.length} moderate/minor`);
            if (report.blocking.length) blocking.push(describeViolations(`${label}: ${where}`, report.blocking));
            if (report.advisory.length) advisory.push(describeViolations(`${label}: ${where}`, report.advisory));
          }, label);
        } finally {
          await page.close();
        }
        console.log(`axe on ${label} ${kind}:\n${counts.join('\n')}${advisory.length ? `\n\nmoderate/minor (not failing):\n${advisory.join('\n')}` : ''}`);
        return blocking.join('\n');
      }),
    );
    expect(reports.filter(Boolean).join('\n')).toBe('');
  };

  it('finds no serious or critical violation on the pages, on a desktop and on a phone', async () => {
    await audit('pages', async (page, check) => {
      await page.evaluate(() => localStorage.removeItem('clockwork.session'));
      await page.goto(`${stack.webUrl}/login`);
      await settle(page, 'Sign in');
      await check('login');
      await signIn(page);
      for (const [name, path, heading] of [...mainPages, ...recordPages(records)]) {
        await page.goto(`${stack.webUrl}${path}`);
        await settle(page, heading);
        await check(name);
      }
      await signIn(page, emptySession);
      await page.goto(stack.webUrl);
      await settle(page, 'Dashboard');
      await page.getByRole('button', { name: 'Load sample data' }).waitFor();
      await page.getByRole('heading', { name: 'Get set up' }).waitFor();
      await check('dashboard-new-organization');
    });
  }, 400_000); // some 30 pages a viewport, each settled and analysed

  it('finds no serious or critical violation in the dialogs and menus, on a desktop and on a phone', async () => {
    await audit('overlays', async (page, check, view) => {
      await signIn(page);
      for (const overlay of overlays) {
        if (overlay.only && overlay.only !== view) continue;
        await page.goto(`${stack.webUrl}${typeof overlay.path === 'string' ? overlay.path : overlay.path(records)}`);
        await settle(page, overlay.heading);
        await overlay.prepare?.(page);
        await overlay.opener(page).click();
        await overlay.opened(page).waitFor();
        await check(`${overlay.name} (open)`);
      }
    });
  }, 400_000); // some 30 overlays a viewport, each opened and analysed
});

/** The page's h1 is there, its requests are done and no skeleton is left. */
async function settle(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('.animate-pulse').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}
