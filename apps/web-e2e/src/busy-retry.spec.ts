import { waitFor, waitForLockWaiters } from '@clockwork/testing-support';
import { Client } from 'pg';
import { signedUpStack } from './support/session';
import { stackEnv } from './support/stack';

/**
 * Requests the api holds at once (HTTP_MAX_IN_FLIGHT): past it, it refuses with 503 and Retry-After: 1.
 * Above what a page sends at once: the app's requests, all sent again a second later, must fit.
 */
const MAX_IN_FLIGHT = 12;
const run = Date.now().toString(36);

/**
 * The web app against an api at its bound of requests in flight (load shedding): the api refuses
 * the page's requests with 503 and `Retry-After: 1`, and the app sends them again after that wait.
 * The api is really full: requests of the test's own wait inside it on a table lock held from
 * PostgreSQL, and are let go once the api's metrics count a refusal. Nothing here is simulated.
 */
describe('web: requests the api refuses for load are sent again after its Retry-After', () => {
  const web = signedUpStack({ organization: `Busy Co ${run}`, name: 'Bea Busy', email: `bea-${run}@busy.test` }, { HTTP_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT), DATABASE_POOL_SIZE: String(MAX_IN_FLIGHT + 4) });
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: stackEnv().databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.query('ROLLBACK').catch(() => undefined);
    await db?.end();
  });

  /** The api's count of refused requests (`/metrics`, which is never refused). */
  const refusals = async (): Promise<number> => {
    const text = await (await fetch(`${web.stack.apiUrl}/metrics`)).text();
    return Number(/^clockwork_http_shed_total (\d+)$/m.exec(text)?.[1] ?? 0);
  };

  /**
   * Fills the api: locks the accounts table, sends MAX_IN_FLIGHT account creations that wait on
   * the lock inside the api, and resolves once PostgreSQL sees them all waiting. `release` commits
   * and answers their statuses.
   */
  const fill = async (): Promise<{ release: () => Promise<number[]> }> => {
    await db.query('BEGIN');
    await db.query('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const held = Array.from({ length: MAX_IN_FLIGHT }, (_, i) =>
      fetch(`${web.stack.apiUrl}/api/v1/accounts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${web.tokens.access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `Held ${Date.now().toString(36)} ${i}` }),
      }).then((r) => r.status),
    );
    // Lock requests on the table not granted (pg_locks; pg_stat_activity shows a statement's text late).
    const rows = (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows);
    expect(await waitForLockWaiters(rows, 'accounts', MAX_IN_FLIGHT, 10_000)).toBe(MAX_IN_FLIGHT);
    return {
      release: async () => {
        await db.query('COMMIT');
        return Promise.all(held);
      },
    };
  };

  /** Waits until the api has refused more requests than `before`. */
  const refusedSince = async (before: number): Promise<number> => {
    for (let i = 0; i < 300; i++) {
      const now = await refusals();
      if (now > before) return now;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the api refused none of the page\'s requests');
  };

  /** Statuses the browser receives from the api from now on, by method and path, in order. */
  const answers = (): Map<string, number[]> => {
    const byRequest = new Map<string, number[]>();
    web.page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/api/')) return;
      const key = `${r.request().method()} ${path}`;
      byRequest.set(key, [...(byRequest.get(key) ?? []), r.status()]);
    });
    return byRequest;
  };

  it('shows a list page whose requests were refused, once the api takes requests again, with no error', async () => {
    const { page, call } = web;
    await call('POST', '/api/v1/accounts', { name: 'Initech Busy' });
    // Nothing of the app running meanwhile: its own requests would take the api's places.
    await page.goto('about:blank');
    const seen = answers();
    const before = await refusals();
    const full = await fill();
    // Opened while the api is full: the page's first requests are refused.
    await page.goto(`${web.stack.webUrl}/accounts`);
    await refusedSince(before);
    expect(await full.release()).toEqual(Array(MAX_IN_FLIGHT).fill(201));
    // Sent again after a second, the requests are answered: the list shows, and no error does.
    await page.getByRole('link', { name: 'Initech Busy' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // The browser itself was refused, and each refused request was then answered. A request the
    // list did not wait for (the signed-in user) may still be waiting out its Retry-After: wait for
    // every refused request's last answer to be in.
    const refused = () => [...seen].filter(([, statuses]) => statuses.includes(503));
    expect(refused().length).toBeGreaterThan(0);
    await waitFor('an answer after each refusal', async () => refused().every(([, statuses]) => statuses.at(-1) !== 503), 10_000);
    // (A path the app reads from two places at once is refused and answered twice.)
    for (const [request, statuses] of refused()) {
      expect({ request, others: statuses.filter((s) => s !== 503 && s !== 200), last: statuses.at(-1) }).toEqual({ request, others: [], last: 200 });
    }
  });

  it('sends a refused write again once, so the record is created exactly once', async () => {
    const { page, call } = web;
    await page.goto(`${web.stack.webUrl}/accounts`);
    await page.getByRole('link', { name: 'Initech Busy' }).waitFor();
    await page.getByRole('button', { name: 'New account' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Name').fill('Globex Busy');

    const seen = answers();
    const before = await refusals();
    const full = await fill();
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await refusedSince(before);
    expect(await full.release()).toEqual(Array(MAX_IN_FLIGHT).fill(201));
    // Refused, then sent again and created: the app opens the new account.
    await page.getByRole('heading', { level: 1, name: 'Globex Busy' }).waitFor();
    expect(seen.get('POST /api/v1/accounts')).toEqual([503, 201]);
    const stored = await call<{ data: { name: string }[] }>('GET', '/api/v1/accounts?limit=100');
    expect(stored.data.filter((a) => a.name === 'Globex Busy')).toHaveLength(1);
  });
});
