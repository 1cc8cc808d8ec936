import type { Page } from 'playwright-core';
import { apiCall, DESKTOP } from './support/app';
import { launchBrowser, type Browser } from './support/browser';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const DAY = 86_400_000;

interface Tokens {
  access_token: string;
  refresh_token: string;
  user: { id: string; name: string };
  organization: { id: string; name: string };
}

/**
 * Budgets in a real browser against the built api, worker and web app: an hours budget set in the
 * deal page's form, time ingested through the api, and the deal's burn bar (a labelled
 * progressbar) showing the percent computed here from the ingested seconds, on the deal page and
 * on its kanban card.
 */
describe('web: budget flows against the running stack', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let tokens: Tokens;
  let pageErrors: string[] = [];
  const call = async <T = { id: string }>(method: string, path: string, body?: unknown): Promise<T> => {
    const result = await apiCall<T>(stack.apiUrl, tokens.access_token, method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };

  beforeAll(async () => {
    stack = await startStack();
    const signup = await fetch(`${stack.apiUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_name: `Budgetco ${run}`, name: 'Bo Budget', email: `bo-${run}@budgetco.test`, password: 'correct horse battery staple' }),
    });
    expect(signup.status).toBe(201);
    tokens = (await signup.json()) as Tokens;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize(DESKTOP);
    await page.goto(`${stack.webUrl}/login`);
    await page.evaluate((value) => localStorage.setItem('clockwork.session', value), JSON.stringify(tokens));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
    pageErrors = [];
  });

  it('sets an hours budget in the UI; after ingestion the burn bar shows at least 80 %', async () => {
    const deal = await call('POST', '/api/v1/deals', { name: `Platform build ${run}` });
    await page.goto(`${stack.webUrl}/deals/${deal.id}`);
    const form = page.getByRole('form', { name: 'Deal budget' });
    await form.getByLabel('Hours budget').fill('10');
    await form.getByRole('button', { name: 'Save budget' }).click();
    const bar = page.getByRole('progressbar', { name: `Hours budget used of Platform build ${run}` });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');

    // 17 half-hour entries over the last days: 8.5 of 10 hours.
    const seconds = Array.from({ length: 17 }, () => 1800);
    const now = Date.now();
    const entries = seconds.map((s, i) => {
      const start = now - (1 + (i % 5)) * DAY - i * 3600_000;
      return { external_id: `budget-${run}-${i}`, user_id: tokens.user.id, deal_id: deal.id, start_time: new Date(start).toISOString(), end_time: new Date(start + s * 1000).toISOString(), duration_seconds: s, activity_type: 'app', productivity_score: 0.7, source: 'agent', billable: true };
    });
    const stored = await call<{ results: Array<{ status: string }> }>('POST', '/api/v1/time-entries/batch', { entries });
    expect(stored.results.every((r) => r.status === 'created')).toBe(true);
    const expected = Math.round((seconds.reduce((a, b) => a + b, 0) / 3600 / 10) * 1000) / 10; // 85

    await page.reload();
    await bar.waitFor();
    const percent = Number(await bar.getAttribute('aria-valuenow'));
    expect(percent).toBeGreaterThanOrEqual(80);
    expect(percent).toBe(expected);
    expect(await bar.getAttribute('aria-valuetext')).toBe(`${expected}% — 8.5 h of 10 h`);

    await page.goto(`${stack.webUrl}/deals`);
    const card = page.getByRole('article', { name: `Platform build ${run}` });
    const cardBar = card.getByRole('progressbar', { name: `Hours budget used of Platform build ${run}` });
    await cardBar.waitFor();
    expect(Number(await cardBar.getAttribute('aria-valuenow'))).toBe(expected);
  });
});
