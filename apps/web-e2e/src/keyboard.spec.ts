import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from './support/app';
import { launchBrowser, type Browser } from './support/browser';
import { closeBrowserStack, desktopPage } from './support/session';
import { elementsWithoutVisibleFocus, isFocused, tabTo } from './support/keyboard';
import { seedOrganization } from './support/seed';
import { startStack, type Stack } from './support/stack';

const run = `kb-${Date.now().toString(36)}`;
const password = 'correct horse battery staple';

/**
 * Keyboard only (no mouse, no clicks): sign in, skip to the main content, create a deal, move it
 * across the board, assign a review-queue entry; the focus is visible on everything Tab reaches,
 * comes back to the opener when a dialog or menu closes; reduced motion turns transitions off.
 */
describe('web: keyboard-only use', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let email = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    const tokens = await seedOrganization(stack.apiUrl, run);
    email = `maya-${run}@initech.test`;
    expect(tokens.user.id).toBeTruthy();
    page = await desktopPage(browser, pageErrors);
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));

  const heading = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  it('signs in with the keyboard', async () => {
    await page.goto(`${stack.webUrl}/login`);
    await heading('Sign in');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Password'))).toBe(true);
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await heading('Dashboard');
  });

  it('offers "Skip to main content" as the first stop of Tab, and it moves the focus to the page', async () => {
    await page.reload();
    await heading('Dashboard');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await isFocused(skip)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.height > 10).toBe(true); // shown once focused
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('shows the focus on every element Tab reaches (dashboard, deals board, review queue)', async () => {
    for (const [path, title] of [['/', 'Dashboard'], ['/deals', 'Deals'], ['/time-entries?view=review', 'Time Entries']]) {
      await page.goto(`${stack.webUrl}${path}`);
      await heading(title);
      await page.waitForLoadState('networkidle');
      const { reached, missing } = await elementsWithoutVisibleFocus(page, 60);
      expect(reached).toBeGreaterThan(10);
      expect({ path, withoutVisibleFocus: missing }).toEqual({ path, withoutVisibleFocus: [] });
    }
  });

  it('creates a deal with the keyboard, and the dialog gives the focus back to its opener', async () => {
    await page.goto(`${stack.webUrl}/`);
    await heading('Dashboard');
    await tabTo(page, nav('Deals'));
    await page.keyboard.press('Enter');
    await heading('Deals');
    const newDeal = page.getByRole('button', { name: 'New deal', exact: true });
    await tabTo(page, newDeal);

    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New deal' });
    await dialog.waitFor();
    expect(await isFocused(dialog.getByLabel('Deal name'))).toBe(true);
    // Shift+Tab past the title bar's Close button wraps to the dialog's last button, not the page behind.
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(dialog.getByRole('button', { name: 'Close' }))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(dialog.getByRole('button', { name: 'Create deal' }))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(newDeal)).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.type('Kiosk rollout');
    await tabTo(page, dialog.getByLabel('Value'));
    await page.keyboard.type('27000');
    await page.keyboard.press('Enter');
    await heading('Kiosk rollout');
  });

  it('moves the deal across the board with the keyboard (pick up, arrow right, drop)', async () => {
    await tabTo(page, nav('Deals'));
    await page.keyboard.press('Enter');
    await heading('Deals');
    const prospecting = page.getByRole('region', { name: 'Prospecting column' });
    await prospecting.getByRole('article', { name: 'Kiosk rollout' }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Move Kiosk rollout' }));
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/deals/'));
    for (const key of ['Space', 'ArrowRight', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(250); // at a person's pace: the board measures its columns once the card is picked up
    }
    expect((await saved).status()).toBe(200);
    await page.getByRole('region', { name: 'Qualification column' }).getByRole('article', { name: 'Kiosk rollout' }).waitFor();
    await page.getByText('"Kiosk rollout" moved to Qualification').waitFor();
  });

  it('assigns a review-queue entry to a deal with the keyboard', async () => {
    await tabTo(page, nav('Time Entries'));
    await page.keyboard.press('Enter');
    await heading('Time Entries');
    await tabTo(page, page.getByRole('tab', { name: /Review queue/ }));
    await page.keyboard.press('Enter');
    const queue = page.getByRole('table', { name: 'Unmapped time entries' });
    const row = queue.getByRole('row').filter({ hasText: 'qzv kiosk sync' });
    await row.waitFor();
    await tabTo(page, queue.getByRole('combobox', { name: 'Deal for qzv kiosk sync' }));
    await page.keyboard.type('Factory'); // a closed select picks the option whose label starts with what is typed
    expect(await queue.getByRole('combobox', { name: 'Deal for qzv kiosk sync' }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Factory dashboard');
    await page.keyboard.press('Tab');
    expect(await isFocused(row.getByRole('button', { name: 'Assign', exact: true }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('45m assigned to Factory dashboard').waitFor();
    await row.waitFor({ state: 'detached' }); // gone from the queue once it is refetched
    expect(await queue.getByRole('row').filter({ hasText: 'xqj vendor call' }).count()).toBe(1); // the others stay in the queue
  });

  it('gives the focus back to the account menu button when Escape closes the menu', async () => {
    const opener = page.getByRole('button', { name: /account menu/i });
    await tabTo(page, opener);
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await tabTo(page, page.getByRole('menuitem', { name: 'Your account' }));
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    expect(await isFocused(opener)).toBe(true);
  });

  it('gives the focus back to the menu button when the phone navigation drawer closes', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${stack.webUrl}/`);
    await heading('Dashboard');
    const opener = page.getByRole('button', { name: 'Open navigation' });
    await tabTo(page, opener);
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Navigation menu' });
    await drawer.waitFor();
    expect(await isFocused(drawer.getByRole('button', { name: 'Close navigation' }))).toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await isFocused(opener)).toBe(true);
    await page.setViewportSize(DESKTOP);
  });

  it('turns transitions and animations off for prefers-reduced-motion: reduce', async () => {
    await page.goto(`${stack.webUrl}/deals`);
    await heading('Deals');
    const link = nav('Accounts');
    const motion = () => link.evaluate((el) => getComputedStyle(el).transitionDuration);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await motion()).not.toBe('0s'); // the nav links fade their colours
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await motion()).toBe('0s');
    const column = page.getByRole('region', { name: 'Prospecting column' });
    expect(await column.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });
});
