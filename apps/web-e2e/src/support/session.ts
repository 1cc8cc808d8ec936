import type { Page } from 'playwright-core';
import { apiOk, DESKTOP } from './app';
import { launchBrowser, type Browser } from './browser';
import { startStack, type Stack } from './stack';

export interface Tokens {
  access_token: string;
  refresh_token: string;
  user: { id: string; name: string };
  organization: { id: string; name: string };
}

/** A new desktop-sized page of `browser`; its uncaught page errors are pushed to `pageErrors`. */
export async function desktopPage(browser: Browser, pageErrors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize(DESKTOP);
  return page;
}

/** Signs `page` in with `tokens`: opens the login page and stores the session the web app keeps ('clockwork.session'). */
export async function storeSession(page: Page, stack: Stack, tokens: Omit<Tokens, 'user'> & { user: { id: string } }): Promise<void> {
  await page.goto(`${stack.webUrl}/login`);
  const session = JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, user: tokens.user, organization: tokens.organization });
  await page.evaluate((value) => localStorage.setItem('clockwork.session', value), session);
}

/** Fills in and sends the sign-up form that `page` shows (or is opening), then waits for the dashboard. */
export async function signUpInForm(page: Page, who: { org: string; name: string; email: string; password: string }): Promise<void> {
  // The sign-in page has an Organization (SSO) and a Password field too: filling before the
  // sign-up page (a lazy chunk) has replaced it typed the organization into the sign-in page,
  // and the sign-up went out without one (CI, twice, under load).
  await page.getByRole('heading', { level: 1, name: 'Create your organization' }).waitFor();
  await page.getByLabel('Organization').fill(who.org);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Work email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/auth/signup')).catch((e: Error) => e);
  await page.getByRole('button', { name: 'Create organization' }).click();
  try {
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  } catch (error) {
    // Say what the browser saw: the sign-up's answer, the page it is on and what it announces.
    const response = await answered;
    const answer = response instanceof Error ? `no answer (${response.message.split('\n')[0]})` : `${response.status()} ${(await response.text().catch(() => '')).slice(0, 300)}`;
    const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
    throw new Error(`${(error as Error).message.split('\n')[0]}; sign-up answered ${answer}; page ${page.url()}; alerts ${JSON.stringify(alerts)}`);
  }
}

/**
 * The hooks every browser spec shares: after each test, no uncaught page errors (the list is then
 * emptied); after all, the browser closed and the stack stopped. `current` answers what the
 * spec's `beforeAll` set up (read when the hooks run).
 */
export function closeBrowserStack(current: () => { browser?: Browser; stack?: Stack; pageErrors: string[] }): void {
  afterAll(async () => {
    const { browser, stack } = current();
    await browser?.close();
    await stack?.stop();
  });
  afterEach(() => {
    expect(current().pageErrors.splice(0)).toEqual([]);
  });
}

/** A new organization signed up through the api, and a desktop browser page signed in as its admin (page errors collected). */
export async function signedUpBrowser(stack: Stack, who: { organization: string; name: string; email: string }): Promise<{ tokens: Tokens; browser: Browser; page: Page; pageErrors: string[] }> {
  const signup = await fetch(`${stack.apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ organization_name: who.organization, name: who.name, email: who.email, password: 'correct horse battery staple' }),
  });
  if (signup.status !== 201) throw new Error(`signup: HTTP ${signup.status} ${await signup.text()}`);
  const tokens = (await signup.json()) as Tokens;
  const browser = await launchBrowser();
  const pageErrors: string[] = [];
  const page = await desktopPage(browser, pageErrors);
  await storeSession(page, stack, tokens);
  return { tokens, browser, page, pageErrors };
}

/** What a browser spec with one signed-up organization shares between its tests. */
export interface SignedUpStack {
  stack: Stack;
  browser: Browser;
  /** A desktop page signed in as the organization's admin. */
  page: Page;
  tokens: Tokens;
  pageErrors: string[];
  /** The api as the admin (`apiOk`: throws unless it answers 2xx). */
  call: <T = { id: string }>(method: string, path: string, body?: unknown) => Promise<T>;
}

/**
 * Registers a browser spec's usual hooks: before its tests, start the stack (`apiEnv` as
 * startStack's) and sign `who` up in a desktop page (signedUpBrowser); then closeBrowserStack's.
 * Answers the object those hooks fill in: read it inside tests and in the spec's later hooks.
 */
export function signedUpStack(who: { organization: string; name: string; email: string }, apiEnv: Record<string, string> = {}): SignedUpStack {
  const web = { pageErrors: [] as string[] } as SignedUpStack;
  web.call = (method, path, body) => apiOk(web.stack.apiUrl, web.tokens.access_token, method, path, body);
  beforeAll(async () => {
    web.stack = await startStack(apiEnv);
    Object.assign(web, await signedUpBrowser(web.stack, who));
  });
  closeBrowserStack(() => web);
  return web;
}
