import { apiCall, dragTo } from './support/app';
import { describeViolations, runAxe } from './support/axe';
import { signedUpStack } from './support/session';

const run = Date.now().toString(36);
const admin = { organization: `Pipelines ${run}`, name: 'Pia Pipeline', email: `pia-${run}@pipelines.test` };

/**
 * Pipelines in a real browser (signed up through the api): an admin creates a second pipeline in Settings → Pipelines and
 * adds a stage to it, picks it on the deals board (in the URL) and drags a deal across its
 * stages; the move is stored.
 */
describe('web: pipelines against the running stack', () => {
  const web = signedUpStack(admin);
  let pipelineId = '';
  let dealId = '';

  const expectAccessible = async (where: string, include: string) => {
    const report = await runAxe(web.page, include);
    expect(describeViolations(where, report.blocking)).toBe('');
  };

  it('creates a second pipeline in Settings and adds a stage to it', async () => {
    await web.page.goto(`${web.stack.webUrl}/settings?tab=pipelines`);
    await web.page.getByRole('list', { name: 'Stages of Sales' }).waitFor();
    const created = web.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/pipelines'));
    await web.page.getByLabel('New pipeline name').fill('Renewals');
    await web.page.getByRole('button', { name: 'Create pipeline' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    pipelineId = ((await response.json()) as { id: string }).id;
    const stages = web.page.getByRole('list', { name: 'Stages of Renewals' });
    await stages.waitFor();

    const form = web.page.getByRole('form', { name: 'New stage' });
    await form.getByLabel('Stage name').fill('Offer sent');
    await form.getByLabel('Win chance (%)').fill('60');
    await form.getByRole('button', { name: 'Add stage' }).click();
    await stages.getByRole('listitem', { name: 'Offer sent' }).waitFor();
    expect(await stages.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual(['Lead', 'Offer sent', 'Won', 'Lost']);
    await expectAccessible('Settings → Pipelines', 'main');

    // As the API has it: the stage added after the last open stage, at 0.6.
    const listed = await apiCall<{ data: { id: string; stages: { key: string; probability: number; kind: string }[] }[] }>(web.stack.apiUrl, web.tokens.access_token, 'GET', '/api/v1/pipelines');
    const renewals = listed.body.data.find((p) => p.id === pipelineId);
    expect(renewals?.stages.map((s) => [s.key, s.probability, s.kind])).toEqual([
      ['lead', 0.1, 'open'],
      ['offer_sent', 0.6, 'open'],
      ['won', 1, 'won'],
      ['lost', 0, 'lost'],
    ]);
  });

  it('picks the pipeline on the board and drags a deal across its stages', async () => {
    const deal = await apiCall<{ id: string }>(web.stack.apiUrl, web.tokens.access_token, 'POST', '/api/v1/deals', { name: 'Initech renewal', pipeline_id: pipelineId, value: '8000' });
    expect(deal.status).toBe(201);
    dealId = deal.body.id;

    // The default pipeline has no deal yet: its empty state, with the picker above it.
    await web.page.goto(`${web.stack.webUrl}/deals`);
    await web.page.getByText('No deals yet').waitFor();
    await web.page.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'Renewals' });
    await web.page.waitForURL((url) => url.searchParams.get('pipeline') === pipelineId);
    const lead = web.page.getByRole('region', { name: 'Lead column' });
    const offer = web.page.getByRole('region', { name: 'Offer sent column' });
    await lead.getByRole('article', { name: 'Initech renewal' }).waitFor();
    await expectAccessible('the Renewals board', 'main');

    const handle = await web.page.getByRole('button', { name: 'Move Initech renewal' }).boundingBox();
    const target = await offer.boundingBox();
    if (!handle || !target) throw new Error('the board is not laid out');
    const saved = web.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/deals/${dealId}`));
    await dragTo(web.page, { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 }, { x: target.x + target.width / 2, y: target.y + 120 });
    expect((await saved).status()).toBe(200);
    await web.page.getByText('"Initech renewal" moved to Offer sent').waitFor();

    // Stored: after a reload of the same URL the card is in Offer sent, and the API agrees.
    await web.page.reload();
    await offer.getByRole('article', { name: 'Initech renewal' }).waitFor();
    expect(await lead.getByRole('article').count()).toBe(0);
    const stored = await apiCall<{ pipeline_id: string; stage: string }>(web.stack.apiUrl, web.tokens.access_token, 'GET', `/api/v1/deals/${dealId}`);
    expect(stored.body).toMatchObject({ pipeline_id: pipelineId, stage: 'offer_sent' });
  });
});
