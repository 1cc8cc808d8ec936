import { apiCall, settled } from './support/app';
import { describeViolations, runAxe } from './support/axe';
import { signedUpStack } from './support/session';

const run = Date.now().toString(36);
const admin = { organization: `Custom fields ${run}`, name: 'Cora Fields', email: `cora-${run}@customfields.test` };

/**
 * Custom fields and bulk edit in a real browser against one stack: an admin defines a deal
 * field in Settings, fills it on a deal's page, filters the deals board by it and saves the
 * view, which its URL opens again; then bulk-changes the owner of a contact list filtered by a
 * contact field ("select all matching"), and the API shows that exactly those contacts moved.
 */
describe('web: custom fields and bulk edit against the running stack', () => {
  const web = signedUpStack(admin);

  const expectAccessible = async (where: string, include: string) => {
    const report = await runAxe(web.page, include);
    expect(describeViolations(where, report.blocking)).toBe('');
  };
  const api = web.call;

  it('defines a deal field in Settings, fills it on a deal, filters the board by it and saves the view', async () => {
    await web.page.goto(`${web.stack.webUrl}/settings?tab=custom-fields`);
    const form = web.page.getByRole('form', { name: 'New custom field' });
    await form.waitFor();
    await web.page.getByLabel('Record type').selectOption('deal');
    await form.getByLabel('Label').fill('Region');
    await form.getByLabel('Key').fill('region');
    await form.getByLabel('Type').selectOption('single_select');
    await form.getByLabel('Options (comma-separated)').fill('North, South');
    const created = web.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/custom-fields'));
    await form.getByRole('button', { name: 'Add field' }).click();
    expect((await created).status()).toBe(201);
    await web.page.getByRole('form', { name: 'Custom field Region' }).waitFor();
    await expectAccessible('Settings → Custom fields', 'main');

    const north = await api<{ id: string }>('POST', '/api/v1/deals', { name: 'Northern rollout', value: '5000' });
    await api('POST', '/api/v1/deals', { name: 'Southern rollout', value: '7000', custom_fields: { region: 'South' } });
    await api('POST', '/api/v1/deals', { name: 'No region yet', value: '1000' });

    // Fill it on the deal's page.
    await web.page.goto(`${web.stack.webUrl}/deals/${north.id}`);
    await web.page.getByRole('button', { name: 'Edit custom fields' }).click();
    const fields = web.page.getByRole('form', { name: 'Custom fields' });
    await fields.getByLabel('Region').selectOption('North');
    const saved = web.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/deals/${north.id}`));
    await fields.getByRole('button', { name: 'Save custom fields' }).click();
    expect((await saved).status()).toBe(200);
    await web.page.getByText('Custom fields saved').waitFor();
    await expectAccessible('Deal page with custom fields', 'main');
    expect((await api<{ custom_fields: Record<string, unknown> }>('GET', `/api/v1/deals/${north.id}`)).custom_fields).toEqual({ region: 'North' });

    // Filter the board by it: only the deal with North stays.
    await web.page.goto(`${web.stack.webUrl}/deals`);
    await web.page.getByRole('article', { name: 'Southern rollout' }).waitFor();
    // The filter's select (its name starts with the label; the cards' "Stage of …" selects do not).
    await web.page.getByRole('combobox', { name: /^Region/ }).selectOption('North');
    await web.page.waitForURL(/cf\.region=North/);
    await web.page.getByRole('article', { name: 'Southern rollout' }).waitFor({ state: 'detached' });
    const shown = async () => (await web.page.getByRole('article').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')))).sort();
    expect(await settled(shown, ['Northern rollout'])).toEqual(['Northern rollout']);

    // Save the view; its URL alone opens it again, filtered.
    await web.page.getByRole('button', { name: 'Views' }).click();
    const save = web.page.getByRole('form', { name: 'Save current view' });
    await save.getByLabel('Save current as…').fill('Northern deals');
    const createdView = web.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/saved-views'));
    await save.getByRole('button', { name: 'Save view' }).click();
    const view = (await (await createdView).json()) as { id: string; filters: Record<string, string> };
    expect(view.filters).toEqual({ 'cf.region': 'North' });
    await web.page.waitForURL(new RegExp(`view=${view.id}`));
    await expectAccessible('Deals board filtered by a custom field', 'main');

    await web.page.goto(`${web.stack.webUrl}/deals?view=${view.id}`);
    await web.page.waitForURL(/cf\.region=North/);
    await web.page.getByRole('button', { name: 'View: Northern deals' }).waitFor();
    await web.page.getByRole('article', { name: 'Northern rollout' }).waitFor();
    expect(await settled(shown, ['Northern rollout'])).toEqual(['Northern rollout']);
  });

  it('bulk-changes the owner of every contact a custom field filter matches, and only those', async () => {
    await api('POST', '/api/v1/custom-fields', { record_type: 'contact', key: 'tier', label: 'Tier', type: 'single_select', options: ['gold', 'silver'] });
    const sam = await api<{ id: string }>('POST', '/api/v1/users', { name: 'Sam Seller', email: `sam-${run}@customfields.test`, password: 'correct horse battery staple', role: 'sales' });
    // More gold contacts than a page shows (50), so "select all matching" is offered; a few silver ones.
    const gold: string[] = [];
    for (let i = 0; i < 55; i++) gold.push((await api<{ id: string }>('POST', '/api/v1/contacts', { first_name: `Gold ${i}`, custom_fields: { tier: 'gold' } })).id);
    const silver: string[] = [];
    for (let i = 0; i < 3; i++) silver.push((await api<{ id: string }>('POST', '/api/v1/contacts', { first_name: `Silver ${i}`, custom_fields: { tier: 'silver' } })).id);

    await web.page.goto(`${web.stack.webUrl}/contacts`);
    await web.page.getByRole('table', { name: 'Contacts' }).waitFor();
    await web.page.getByRole('combobox', { name: /^Tier/ }).selectOption('gold');
    await web.page.waitForURL(/cf\.tier=gold/);
    await web.page.getByRole('link', { name: 'Silver 0' }).waitFor({ state: 'detached' });
    await web.page.getByRole('checkbox', { name: 'Select all contacts shown' }).check();
    const bar = web.page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByRole('button', { name: 'Select all contacts matching this filter' }).click();
    await bar.getByRole('button', { name: 'Edit selected…' }).click();
    const dialog = web.page.getByRole('dialog', { name: 'Edit every contact matching this filter' });
    await dialog.getByRole('combobox', { name: 'Change' }).selectOption('owner_id');
    await dialog.getByRole('combobox', { name: 'New value' }).selectOption(sam.id);
    await expectAccessible('Bulk edit dialog', '[role="dialog"]');
    const edited = web.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/bulk-edits'));
    await dialog.getByRole('button', { name: 'Apply to every contact matching this filter' }).click();
    const response = await edited;
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ kind: 'contacts', status: 'completed', total: gold.length, patch: { owner_id: sam.id } });
    await web.page.getByText(`${gold.length} contacts updated`).waitFor();

    // Through the API: exactly the gold contacts are Sam's now.
    const all: { id: string; owner_id: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: string; owner_id: string | null }[]; next_cursor: string | null } } = await apiCall(web.stack.apiUrl, web.tokens.access_token, 'GET', `/api/v1/contacts?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...res.body.data);
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(all.filter((c) => c.owner_id === sam.id).map((c) => c.id).sort()).toEqual([...gold].sort());
    expect(all.filter((c) => silver.includes(c.id)).every((c) => c.owner_id !== sam.id)).toBe(true);
  });
});
