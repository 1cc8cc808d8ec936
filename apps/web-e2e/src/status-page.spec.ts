import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser';
import { screenshotDir } from './support/paths';
import { freePort } from './support/ports';
import { stopProcess, type RunningProcess } from './support/processes';
import { startStack, startWebPreview, type Stack } from './support/stack';

const components = ['API', 'Database', 'Redis'];

describe('web: system status page against the running stack', () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function openStatusPage(width: number, height: number): Promise<Page> {
    if (!browser || !stack) throw new Error('the stack did not start');
    const page = await browser.context.newPage();
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width, height });
    const health = page.waitForResponse((r) => r.url().endsWith('/api/v1/health'));
    await page.goto(stack.webUrl);
    const response = await health;
    // The page asked its own origin; vite preview proxied the call to the api.
    expect(response.url()).toBe(`${stack.webUrl}/api/v1/health`);
    expect(response.status()).toBe(200);
    await page.getByText('All systems operational').waitFor();
    return page;
  }

  async function badge(page: Page, component: string): Promise<string> {
    const text = await page.getByRole('article', { name: component }).locator('[data-state]').innerText();
    return text.trim();
  }

  it('shows the API, the database and Redis as up on a desktop', async () => {
    const page = await openStatusPage(1280, 800);

    expect(await page.title()).toBe('System status · Clockwork CRM');
    expect(await page.getByRole('banner').getByText('Clockwork CRM').isVisible()).toBe(true);
    for (const component of components) {
      expect(await badge(page, component)).toBe('Up');
      expect(await page.getByRole('article', { name: component }).getByText('Up', { exact: true }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open navigation' }).isVisible()).toBe(false);

    await page.screenshot({ path: join(screenshotDir, 'status-desktop.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('works on a phone, with the sidebar behind the menu button', async () => {
    const page = await openStatusPage(390, 844);

    for (const component of components) expect(await badge(page, component)).toBe('Up');
    const menuButton = page.getByRole('button', { name: 'Open navigation' });
    expect(await menuButton.isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(screenshotDir, 'status-phone.png') });

    await menuButton.click();
    const drawer = page.getByRole('dialog', { name: 'Navigation menu' });
    await drawer.waitFor();
    await page.screenshot({ path: join(screenshotDir, 'status-phone-menu.png') });
    await drawer.getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
    expect(await drawer.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/deals');

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says the API is unreachable when nothing answers behind the proxy', async () => {
    if (!browser) throw new Error('the browser did not start');
    let preview: RunningProcess | undefined;
    try {
      const deadApi = `http://127.0.0.1:${await freePort()}`;
      const { url } = await startWebPreview(deadApi, (proc) => (preview = proc));
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);

      const alert = page.getByRole('alert');
      await alert.getByText('API unreachable').waitFor({ timeout: 30_000 });
      expect(await badge(page, 'API')).toBe('Down');
      expect(await badge(page, 'Database')).toBe('Unknown');
      expect(await badge(page, 'Redis')).toBe('Unknown');
      expect(await alert.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
      await page.screenshot({ path: join(screenshotDir, 'status-unreachable-desktop.png') });
      await page.close();
    } finally {
      await stopProcess(preview);
    }
  });
});
