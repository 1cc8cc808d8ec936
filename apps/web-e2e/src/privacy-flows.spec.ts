import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { apiCall, capture } from './support/app';
import { launchBrowser, type Browser } from './support/browser';
import { signUp, type Tokens } from './support/seed';
import { closeBrowserStack, desktopPage, storeSession } from './support/session';
import { screenshotDir } from './support/paths';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);

/**
 * Privacy and people flows in a real browser: a GDPR export downloaded as a zip, a user linked
 * to a productivity employee id (later time entries map to the user), and a report schedule
 * made from the Reports page.
 */
describe('web: privacy, employee ids and scheduled reports', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let tokens: Tokens;
  const pageErrors: string[] = [];
  const api = <T>(method: string, path: string, body?: unknown) => apiCall<T>(stack.apiUrl, tokens.access_token, method, path, body);

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    stack = await startStack();
    browser = await launchBrowser();
    tokens = await signUp(stack.apiUrl, `Privacy Org ${run}`, `pia-${run}@privacy.test`);
    page = await desktopPage(browser, pageErrors);
    await storeSession(page, stack, tokens);
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));

  it('exports a contact picked by name as a zip', async () => {
    const contact = await api<{ id: string }>('POST', '/api/v1/contacts', { first_name: 'Zelda', last_name: `Quist${run}`, email: `zelda-${run}@customer.test` });
    expect(contact.status).toBe(201);
    await page.goto(`${stack.webUrl}/privacy`);
    await page.getByRole('heading', { level: 1, name: 'Privacy' }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Contact' });
    await picker.click();
    await picker.fill('Zelda');
    await page.getByRole('option', { name: new RegExp(`^Zelda Quist${run}`) }).click();
    await capture(page, 'privacy-desktop', 'Privacy');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export data (zip)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`gdpr-contact-${contact.body.id}.zip`);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('contact.json'))).toBe(true);
  });

  it('links a user to an employee id in Settings, so a later time entry with that id maps to the user', async () => {
    const person = await api<{ id: string }>('POST', '/api/v1/users', { name: 'Eli Employee', email: `eli-${run}@privacy.test`, password: 'another long password', role: 'support' });
    expect(person.status).toBe(201);
    const employeeId = `emp-${run}`;
    await page.goto(`${stack.webUrl}/settings`);
    await page.getByRole('button', { name: 'Set the employee id of Eli Employee' }).click();
    const dialog = page.getByRole('dialog', { name: 'Employee id of Eli Employee' });
    await dialog.getByLabel('Productivity employee id').fill(employeeId);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Eli Employee linked to ${employeeId}`).waitFor();
    await dialog.waitFor({ state: 'detached' });

    const entry = await api<{ id: string; user_id: string | null }>('POST', '/api/v1/time-entries', {
      employee_id: employeeId,
      start_time: '2026-03-02T09:00:00.000Z',
      end_time: '2026-03-02T10:00:00.000Z',
      duration_seconds: 3600,
      activity_type: 'app',
      productivity_score: 0.7,
      source: 'agent',
    });
    expect(entry.status).toBe(201);
    expect(entry.body.user_id).toBe(person.body.id);
    const stored = await api<{ user_id: string }>('GET', `/api/v1/time-entries/${entry.body.id}`);
    expect(stored.body.user_id).toBe(person.body.id);
  });

  it('schedules a report from the Reports page: it shows in the list and in the API', async () => {
    await page.goto(`${stack.webUrl}/reports?date_from=2026-03-01&date_to=2026-03-31`);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByText('No scheduled reports').waitFor();
    await page.getByRole('button', { name: 'Schedule this report: Time per deal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule Time per deal' });
    await dialog.getByLabel('Frequency').selectOption('weekly');
    await dialog.getByLabel('Day of the week').selectOption({ label: 'Friday' });
    await dialog.getByLabel('Time zone').fill('UTC');
    await dialog.getByLabel('Recipients').fill(`finance-${run}@privacy.test`);
    await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page.getByText('Report scheduled').waitFor();

    const list = page.getByRole('table', { name: 'Scheduled reports' });
    await list.getByText(`finance-${run}@privacy.test`).waitFor();
    await list.getByText('Weekly on Fridays at 08:00 (UTC)').waitFor();
    await capture(page, 'reports-schedules-desktop', 'Reports');

    const schedules = await api<{ data: Array<{ report: string; params: Record<string, unknown>; weekday: number; recipients: string[]; paused: boolean }> }>('GET', '/api/v1/report-schedules');
    expect(schedules.body.data).toEqual([
      expect.objectContaining({ report: 'time-per-deal', weekday: 5, recipients: [`finance-${run}@privacy.test`], paused: false, params: { date_from: '2026-03-01', date_to: '2026-04-01' } }),
    ]);

    await list.getByRole('button', { name: `Pause Time per deal to finance-${run}@privacy.test` }).click();
    await list.getByText('Paused by hand').waitFor();
    expect((await api<{ data: Array<{ paused: boolean }> }>('GET', '/api/v1/report-schedules')).body.data[0].paused).toBe(true);
  });
});
