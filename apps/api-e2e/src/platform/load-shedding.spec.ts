import { lockWaiters, RowsQuery, waitForLockWaiters } from '@clockwork/testing-support';
import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource, QueryRunner } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp } from '../support/org-fixture';

const MAX = 3;

/**
 * HTTP_MAX_IN_FLIGHT: past the bound a request is refused at once with 503 and Retry-After, the
 * requests held are answered normally, health and metrics answer whatever the load, and once the
 * held requests are done the process takes requests again.
 */
describe('load shedding past HTTP_MAX_IN_FLIGHT', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: SignedUp;
  let lock: QueryRunner;

  beforeAll(async () => {
    app = await createApiApp({ HTTP_MAX_IN_FLIGHT: String(MAX), DATABASE_POOL_SIZE: '8' });
    await app.listen(0, '127.0.0.1');
    http = request(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    admin = await signup(app, 'Shedding Org');
  });
  afterAll(async () => {
    if (lock?.isTransactionActive) await lock.rollbackTransaction();
    await lock?.release();
    await app?.close();
  });

  const contacts = () => http.get('/api/v1/contacts?limit=5').set('Authorization', `Bearer ${admin.accessToken}`);

  /** The app's pool, to count its requests waiting on the lock: lock requests on contacts not granted. */
  const rows = (db: DataSource): RowsQuery => (sql, params) => db.query(sql, params);

  it('refuses the request past the bound with 503 and Retry-After, and answers the ones it holds', async () => {
    const db = app.get(DataSource);
    await contacts().expect(200);
    lock = db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');

    // MAX requests held: each waits on the lock inside the api.
    const held = Array.from({ length: MAX }, () => contacts().then((r) => r));
    expect(await waitForLockWaiters(rows(db), 'contacts', MAX)).toBe(MAX);

    const refused = await contacts().set('Content-Type', 'application/json').send({ ignored: true });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: `The server is handling its limit of ${MAX} requests at once; retry after 1 s` });
    // A refusal is not limited to one route: any other request is refused too, authenticated or not.
    expect((await http.get('/api/v1/users/me').set('Authorization', `Bearer ${admin.accessToken}`)).status).toBe(503);
    // Probes and scrapes are answered whatever the load.
    await http.get('/api/v1/health').expect(200);
    const scraped = await http.get('/metrics').expect(200);
    expect(scraped.text).toMatch(/^clockwork_http_shed_total 2$/m);
    expect(scraped.text).toMatch(/^clockwork_http_request_duration_seconds_count\{method="GET",route="unmatched",status="503"\} 2$/m);

    await lock.commitTransaction();
    const answers = await Promise.all(held);
    expect(answers.map((r) => r.status)).toEqual(Array(MAX).fill(200));
    // The held requests counted out: the process takes requests again.
    await contacts().expect(200);
    await Promise.all(Array.from({ length: MAX }, () => contacts().expect(200)));
  });

  it('keeps counting a request whose caller hung up until the api has answered it', async () => {
    const db = app.get(DataSource);
    lock = db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');
    const aborts = Array.from({ length: MAX }, () => new AbortController());
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const hung = aborts.map((a) => fetch(`http://127.0.0.1:${port}/api/v1/contacts?limit=5`, { headers: { Authorization: `Bearer ${admin.accessToken}` }, signal: a.signal }).catch(() => null));
    await waitForLockWaiters(rows(db), 'contacts', MAX);
    expect((await http.get('/api/v1/users/me').set('Authorization', `Bearer ${admin.accessToken}`)).status).toBe(503);
    for (const a of aborts) a.abort();
    await Promise.all(hung);
    // The callers are gone, but their requests still wait on the lock inside the api: that work
    // goes on, so their places stay taken (a caller that gives up and retries adds no work past the bound).
    await new Promise((r) => setTimeout(r, 200));
    expect(await lockWaiters(rows(db), 'contacts')).toBe(MAX);
    expect((await http.get('/api/v1/users/me').set('Authorization', `Bearer ${admin.accessToken}`)).status).toBe(503);
    // Once the lock is gone the handlers answer into the closed connections, and the places free.
    await lock.commitTransaction();
    for (let i = 0; i < 100; i++) {
      if ((await http.get('/api/v1/users/me').set('Authorization', `Bearer ${admin.accessToken}`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(Array.from({ length: MAX }, () => contacts().expect(200)));
  });
});
