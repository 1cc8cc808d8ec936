import type { Page } from 'playwright-core';
import { accessToken, apiCall } from './support/app';
import { describeViolations, runAxe } from './support/axe';
import { launchBrowser, type Browser } from './support/browser';
import { closeBrowserStack, desktopPage, signUpInForm } from './support/session';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const admin = { org: `Depth ${run}`, name: 'Dora Depth', email: `dora-${run}@depth.test`, password: 'correct horse battery staple' };

/**
 * Saved views and activities in a real browser: filter the contacts list, save the view, reload
 * it through its URL, make it the default; log a call on a contact and see it on the timeline.
 */
describe('web: saved views and activities against the running stack', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let contactId = '';

  const expectAccessible = async (where: string, include: string) => {
    const report = await runAxe(page, include);
    expect(describeViolations(where, report.blocking)).toBe('');
  };
  const contactNames = () => page.getByRole('table', { name: 'Contacts' }).getByRole('link').allInnerTexts();

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await desktopPage(browser, pageErrors);
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));

  it('signs up and adds two contacts', async () => {
    await page.goto(stack.webUrl);
    await page.getByRole('link', { name: 'Create an organization' }).click();
    await signUpInForm(page, admin);
    const token = await accessToken(page);
    const ada = await apiCall<{ id: string }>(stack.apiUrl, token, 'POST', '/api/v1/contacts', { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@engine.test' });
    await apiCall(stack.apiUrl, token, 'POST', '/api/v1/contacts', { first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.test' });
    expect(ada.status).toBe(201);
    contactId = ada.body.id;
  });

  it('filters the contacts list, saves the view, reloads it through its URL and makes it the default', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('ada');
    await page.waitForURL(/q=ada/);
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Contacts"] tbody tr').length === 1);
    expect(await contactNames()).toEqual(['Ada Lovelace']);

    await page.getByRole('button', { name: 'Views' }).click();
    const menu = page.getByRole('region', { name: 'Saved views' });
    await menu.getByText('No saved views yet.').waitFor();
    await expectAccessible('views menu', '[aria-label="Saved views"]');
    await menu.getByLabel('Save current as…').fill('Ada people');
    await menu.getByRole('button', { name: 'Save view' }).click();
    await page.waitForURL(/view=/);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('ada');

    // A new tab on the link: the same view, the same rows.
    await page.goto(url.toString());
    await page.getByRole('button', { name: 'View: Ada people' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Contacts"] tbody tr').length === 1);
    expect(await contactNames()).toEqual(['Ada Lovelace']);

    await page.getByRole('button', { name: 'View: Ada people' }).click();
    await page.getByRole('group', { name: 'Actions of Ada people' }).getByRole('button', { name: 'Make default' }).click();
    await page.getByRole('region', { name: 'Saved views' }).getByText('Default', { exact: true }).waitFor();

    // Opening the list without filters applies the default view.
    await page.goto(`${stack.webUrl}/contacts`);
    await page.waitForURL(/view=.*|q=ada/);
    await page.getByRole('button', { name: 'View: Ada people' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('ada');
  });

  it('logs a call on a contact and shows it on the timeline', async () => {
    await page.goto(`${stack.webUrl}/contacts/${contactId}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await page.getByRole('button', { name: 'Log a call / meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log a call or meeting' });
    await expectAccessible('log activity dialog', '[role="dialog"]');
    await dialog.getByLabel('Subject').fill('Analytical engine demo');
    await dialog.getByLabel('Duration (minutes)').fill('25');
    await dialog.getByLabel('Outcome').selectOption('left_voicemail');
    await dialog.getByRole('button', { name: 'Log call' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Calls and meetings' }).getByText('Analytical engine demo').waitFor();
    await page.getByText('Call · Analytical engine demo (left voicemail, 25 min)').waitFor();
  });
});
