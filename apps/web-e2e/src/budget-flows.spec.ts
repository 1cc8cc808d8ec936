import { signedUpStack } from './support/session';

const run = Date.now().toString(36);
const DAY = 86_400_000;

/**
 * Budgets in a real browser against the built api, worker and web app: an hours budget set in the
 * deal page's form, time ingested through the api, and the deal's burn bar (a labelled
 * progressbar) showing the percent and figures computed here from the ingested seconds, under
 * 80 % after a first ingestion and over it after a second, on the deal page and on its kanban card.
 */
describe('web: budget flows against the running stack', () => {
  const web = signedUpStack({ organization: `Budgetco ${run}`, name: 'Bo Budget', email: `bo-${run}@budgetco.test` });
  const { call } = web;

  it('sets an hours budget in the UI; the burn bar crosses 80 % with the ingestion that takes it there', async () => {
    const deal = await call('POST', '/api/v1/deals', { name: `Platform build ${run}` });
    await web.page.goto(`${web.stack.webUrl}/deals/${deal.id}`);
    const form = web.page.getByRole('form', { name: 'Deal budget' });
    await form.getByLabel('Hours budget').fill('10');
    await form.getByRole('button', { name: 'Save budget' }).click();
    const bar = web.page.getByRole('progressbar', { name: `Hours budget used of Platform build ${run}` });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');

    // Half-hour entries over the last days, in two ingestions: 13 (6.5 of 10 hours, under 80 %),
    // then 4 more (8.5 of 10 hours): the bar crosses 80 % with the second.
    const budgetHours = 10;
    const now = Date.now();
    let sent = 0;
    const ingest = async (batch: number[]) => {
      const entries = batch.map((s, j) => {
        const i = sent + j;
        const start = now - (1 + (i % 5)) * DAY - i * 3600_000;
        return { external_id: `budget-${run}-${i}`, user_id: web.tokens.user.id, deal_id: deal.id, start_time: new Date(start).toISOString(), end_time: new Date(start + s * 1000).toISOString(), duration_seconds: s, activity_type: 'app', productivity_score: 0.7, source: 'agent', billable: true };
      });
      sent += batch.length;
      const stored = await call<{ results: Array<{ status: string }> }>('POST', '/api/v1/time-entries/batch', { entries });
      expect(stored.results.every((r) => r.status === 'created')).toBe(true);
    };
    const seconds: number[] = [];
    /** The percent and the text the bar must show for the seconds ingested so far, computed here. */
    const expected = () => {
      const hours = seconds.reduce((a, b) => a + b, 0) / 3600;
      const percent = Math.round((hours / budgetHours) * 1000) / 10;
      return { percent, text: `${percent}% — ${hours.toLocaleString('en-US')} h of ${budgetHours} h` };
    };

    const first = Array.from({ length: 13 }, () => 1800);
    seconds.push(...first);
    await ingest(first);
    await web.page.reload();
    await bar.waitFor();
    expect(expected().percent).toBeLessThan(80);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(expected().percent);
    expect(await bar.getAttribute('aria-valuetext')).toBe(expected().text);

    const second = Array.from({ length: 4 }, () => 1800);
    seconds.push(...second);
    await ingest(second);
    await web.page.reload();
    await bar.waitFor();
    const percent = Number(await bar.getAttribute('aria-valuenow'));
    expect(percent).toBeGreaterThanOrEqual(80);
    expect(percent).toBe(expected().percent);
    expect(await bar.getAttribute('aria-valuetext')).toBe(expected().text);
    await web.page.getByText(expected().text).waitFor(); // the same figures as visible text

    await web.page.goto(`${web.stack.webUrl}/deals`);
    const card = web.page.getByRole('article', { name: `Platform build ${run}` });
    const cardBar = card.getByRole('progressbar', { name: `Hours budget used of Platform build ${run}` });
    await cardBar.waitFor();
    expect(Number(await cardBar.getAttribute('aria-valuenow'))).toBe(expected().percent);
  });
});
