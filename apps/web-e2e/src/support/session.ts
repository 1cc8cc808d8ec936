import type { Page } from 'playwright-core';
import { DESKTOP } from './app';
import { launchBrowser, type Browser } from './browser';
import type { Stack } from './stack';

export interface Tokens {
  access_token: string;
  refresh_token: string;
  user: { id: string; name: string };
  organization: { id: string; name: string };
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
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize(DESKTOP);
  await page.goto(`${stack.webUrl}/login`);
  await page.evaluate((value) => localStorage.setItem('clockwork.session', value), JSON.stringify(tokens));
  return { tokens, browser, page, pageErrors };
}
