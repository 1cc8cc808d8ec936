import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './paths';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The signed-in user's access token, as the app keeps it. */
export async function accessToken(page: Page): Promise<string> {
  const session = await page.evaluate(() => localStorage.getItem('clockwork.session'));
  if (!session) throw new Error('the browser is not signed in');
  return (JSON.parse(session) as { access_token: string }).access_token;
}

/** Calls the API directly (as an integration would), with `token`. */
export async function apiCall<T>(apiUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Like `apiCall`, but answers only the body of a 2xx reply and throws on any other (the set-up steps of a spec). */
export async function apiOk<T = { id: string }>(apiUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const result = await apiCall<T>(apiUrl, token, method, path, body);
  if (result.status >= 300) throw new Error(`${method} ${path}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** Waits for the page's title heading, then saves a full-page screenshot named `name`. */
export async function capture(page: Page, name: string, heading?: string): Promise<void> {
  if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.locator('[role="status"][aria-live="polite"] .animate-pulse').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Drags with real pointer events, in small steps, so the board's drag sensor follows. */
export async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

/**
 * Reads `read()` until it answers `expected` (compared as JSON) or `timeoutMs` passes, and
 * answers the last reading, so the caller's `toEqual` shows the real difference. A board or
 * list that refetches after a filter change is briefly empty; one reading may catch that.
 */
export async function settled<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}
