import { FakeProductivityBackend, waitFor } from '@clockwork/testing-support';
import type { Page } from 'playwright-core';
import { apiOk } from './support/app';
import { describeViolations, runAxe } from './support/axe';
import type { Browser } from './support/browser';
import { platformEvent } from './support/seed';
import { closeBrowserStack, signedUpBrowser, type Tokens } from './support/session';
import { startStack, type Stack } from './support/stack';

const run = Date.now().toString(36);
const FIRST = `Install the agent ${run}`;
const CRM_TITLE = `Title from the CRM ${run}`;
const PLATFORM_TITLE = `Title from the platform ${run}`;

interface Task {
  id: string;
  title: string;
  updated_at: string;
}
interface Conflict {
  id: string;
  record_id: string;
  field: string;
  crm_value: unknown;
  remote_value: unknown;
  winner: string;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

/**
 * The two-way sync in a real browser against the built api, worker and web app, with the fake
 * productivity platform on 127.0.0.1: a task is pushed, the platform is down while the CRM edits
 * its title, the platform's newer edit of the same title arrives (applied, the CRM's value kept
 * as a conflict), and the admin keeps the CRM's value on the Sync conflicts page: the api then
 * shows that title, the conflict resolved, the platform receives it and the nav badge goes away.
 */
describe('web: a sync conflict from the productivity platform, resolved in the UI', () => {
  const backend = new FakeProductivityBackend();
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let tokens: Tokens;
  let pageErrors: string[];
  const call = <T = { id: string }>(method: string, path: string, body?: unknown) => apiOk<T>(stack.apiUrl, tokens.access_token, method, path, body);
  const conflicts = async (resolved: boolean) => (await call<{ data: Conflict[] }>('GET', `/api/v1/sync/conflicts?resolved=${resolved}`)).data;
  const navLink = (name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  /** The nav link's name with the badge (its items are flex items: the name may have a space before the comma). */
  const unresolvedName = (count: number) => new RegExp(`^Sync conflicts ?, ${count} unresolved$`);

  beforeAll(async () => {
    await backend.start();
    stack = await startStack(
      { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', OUTBOX_POLL_MS: '50', OUTBOX_REDISPATCH_SECONDS: '5', SYNC_POLL_MS: '100', SYNC_RETRY_BASE_MS: '200', SYNC_RETRY_MAX_MS: '1000' },
      { worker: true },
    );
    ({ tokens, browser, page, pageErrors } = await signedUpBrowser(stack, { organization: `Syncco ${run}`, name: 'Sam Sync', email: `sam-${run}@syncco.test` }));
  });

  closeBrowserStack(() => ({ browser, stack, pageErrors }));
  afterAll(() => backend.stop());

  it('keeps the CRM value of a conflicting title in the UI; the api and the platform show it and the badge goes', async () => {
    // Tasks sync when assigned to a user linked to the platform's employee.
    const ana = await call('POST', '/api/v1/users', { name: 'Ana', email: `ana-${run}@syncco.test`, password: 'correct horse battery staple', role: 'sales', linked_employee_id: `emp-ana-${run}` });
    const integration = await call<{ id: string; signing_secret: string }>('POST', '/api/v1/integrations', { provider: 'productivity', name: 'Fake platform', base_url: backend.url });
    backend.secret = integration.signing_secret;
    const task = await call<Task>('POST', '/api/v1/tasks', { title: FIRST, assigned_to: ana.id });
    await waitFor('the task at the platform', async () => backend.tasks.get(task.id)?.body['title'] === FIRST);

    // The platform is down while the CRM edits the title: that push is refused, the last synced title stays the first one.
    backend.failNext = Number.MAX_SAFE_INTEGER;
    const crmEdit = await call<Task>('PATCH', `/api/v1/tasks/${task.id}`, { title: CRM_TITLE });
    await waitFor('a refused push of the CRM edit', async () => backend.received.some((r) => r.path.endsWith(`/${task.id}`) && r.status === 500 && r.body?.['title'] === CRM_TITLE));
    // The platform's own edit of the title, a second later, arrives and is applied (the newer one wins).
    const remoteAt = new Date(Date.parse(crmEdit.updated_at) + 1000).toISOString();
    const event = await platformEvent(stack.apiUrl, integration, { type: 'task.updated', data: { id: task.id, title: PLATFORM_TITLE, updated_at: remoteAt } });
    expect(event).toMatchObject({ status: 'processed', result: 'updated' });
    backend.failNext = 0;
    expect((await call<Task>('GET', `/api/v1/tasks/${task.id}`)).title).toBe(PLATFORM_TITLE);
    const open = await conflicts(false);
    expect(open).toEqual([expect.objectContaining({ record_id: task.id, field: 'title', crm_value: CRM_TITLE, remote_value: PLATFORM_TITLE, winner: 'remote', resolution: null })]);

    await page.goto(`${stack.webUrl}/sync-conflicts`);
    await page.getByRole('heading', { level: 1, name: 'Sync conflicts' }).waitFor();
    // The nav badge: the count shown, and read out as ", 1 unresolved".
    await navLink(unresolvedName(open.length)).waitFor();
    expect(await navLink(unresolvedName(open.length)).locator('span[aria-hidden="true"]').innerText()).toBe(String(open.length));
    const item = page.getByRole('article', { name: 'Task title' });
    await item.waitFor();
    const [crmSide, platformSide] = [item.locator('dl > div').nth(0), item.locator('dl > div').nth(1)];
    expect(await crmSide.locator('dt').innerText()).toBe('CRM value');
    expect(await crmSide.locator('dd').first().innerText()).toBe(CRM_TITLE);
    expect(await platformSide.locator('dt').innerText()).toMatch(/^Platform value\s*Applied now$/);
    expect(await platformSide.locator('dd').first().innerText()).toBe(PLATFORM_TITLE);
    // Side by side: the platform's value in the same row, right of the CRM's.
    const [crmBox, platformBox] = [await crmSide.boundingBox(), await platformSide.boundingBox()];
    expect(crmBox && platformBox && platformBox.x >= crmBox.x + crmBox.width && Math.abs(platformBox.y - crmBox.y) < 1).toBe(true);
    const report = await runAxe(page);
    expect(describeViolations('sync conflicts with a conflict', report.blocking)).toBe('');

    await item.getByRole('group', { name: 'Resolve task title' }).getByRole('button', { name: 'Keep CRM' }).click();
    await item.getByText('kept the CRM value.').waitFor();
    expect(await crmSide.locator('dt').innerText()).toMatch(/^CRM value\s*Kept$/);
    await navLink('Sync conflicts').waitFor();
    expect(await navLink(/unresolved/).count()).toBe(0);

    expect((await call<Task>('GET', `/api/v1/tasks/${task.id}`)).title).toBe(CRM_TITLE);
    expect(await conflicts(false)).toEqual([]);
    const resolved = await conflicts(true);
    expect(resolved).toEqual([expect.objectContaining({ id: open[0].id, resolution: 'crm', resolved_by: tokens.user.id })]);
    expect(resolved[0].resolved_at).not.toBeNull();
    // The worker pushes the kept title to the platform.
    await waitFor('the kept title at the platform', async () => backend.tasks.get(task.id)?.body['title'] === CRM_TITLE);
  });
});
