import { appRoutes } from '@bull-board/api/dist/routes';
import { getQueueToken } from '@nestjs/bull';
import { INestApplication } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { apiKeyWithRole, signup, SignedUp } from '../support/org-fixture';

const OPERATOR = { user: 'ops', password: 'q7Vt-2mWx9Lp#4Rz-board' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const QUEUE = QUEUES.timeRemap;

/** Every route bull-board serves (its own route table), with real parameters filled in. */
function boardRoutes(jobId: string, assetPath: string): { method: 'get' | 'put' | 'post' | 'patch'; path: string }[] {
  const fill = (route: string) =>
    `/admin/queues${route === '/' ? '' : route}`
      .replace(':queueName', QUEUE)
      .replace(':jobId', jobId)
      .replace(':queueStatus', 'completed')
      .replace(':schedulerId', 'no-such-scheduler');
  const entry = (appRoutes.entryPoint.route as string[]).map((route) => ({ method: 'get' as const, path: fill(route) }));
  const api = appRoutes.api.map((r) => ({ method: r.method as 'get' | 'put' | 'post' | 'patch', path: fill(r.route as string) }));
  return [...entry, ...api, { method: 'get', path: assetPath }];
}

describe('Bull Board at /admin/queues: an operator credential, never a tenant token', () => {
  let app: INestApplication;
  let tenant: SignedUp;
  let queue: Queue;
  let jobId: string;
  let assetPath: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createApiApp({ QUEUE_BOARD_USERS: `${OPERATOR.user}:${OPERATOR.password},night:another-Strong-pass-2026` });
    // Anyone can become an admin of an organization of their own: that must open nothing here.
    tenant = await signup(app, 'Board Stranger');
    queue = app.get<Queue>(getQueueToken(QUEUE), { strict: false });
    // Delayed by an hour: no worker of a parallel spec takes it while the board is probed.
    jobId = String((await queue.add({ organizationId: tenant.organizationId }, { jobId: `board-probe-${Date.now()}`, delay: 3_600_000 })).id);
    const page = await http().get('/admin/queues').set('Authorization', basic(OPERATOR.user, OPERATOR.password)).expect(200);
    // The page loads its scripts relative to <base href="/admin/queues/">.
    const script = /src="(static\/js\/main[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    assetPath = `/admin/queues/${script}`;
  });
  afterAll(async () => {
    await (await queue?.getJob(jobId))?.remove();
    await app?.close();
  });

  it('refuses a fresh self-signup admin on every route: Bearer token, the old cookie, an admin API key, no credential, a wrong password', async () => {
    const key = await apiKeyWithRole(app, tenant.accessToken, 'admin');
    const attempts: [string, Record<string, string>][] = [
      ['no credential', {}],
      ['admin Bearer token', { Authorization: `Bearer ${tenant.accessToken}` }],
      ['the old board cookie', { Cookie: `clockwork_queues_token=${tenant.accessToken}` }],
      ['admin API key', { Authorization: `Bearer ${key.key}` }],
      ['admin token as Basic password', { Authorization: basic(tenant.email, tenant.accessToken) }],
      ['wrong operator password', { Authorization: basic(OPERATOR.user, `${OPERATOR.password}x`) }],
      ['operator password of another user', { Authorization: basic('night', OPERATOR.password) }],
    ];
    const routes = boardRoutes(jobId, assetPath);
    expect(routes.length).toBeGreaterThanOrEqual(40);
    const let_in: string[] = [];
    for (const route of routes) {
      for (const [what, headers] of attempts) {
        const res = await http()[route.method](route.path).set(headers).send(route.method === 'get' ? undefined : { name: 'x', data: {} });
        if (res.status !== 401 || !/^Basic realm=/.test(res.headers['www-authenticate'] ?? '')) let_in.push(`${what}: ${route.method.toUpperCase()} ${route.path} -> ${res.status}`);
        else expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/^authorization: /) });
      }
    }
    expect(let_in).toEqual([]);
    // Nothing the attempts asked for happened.
    expect(await (await queue.getJob(jobId))?.getState()).toBe('delayed');
    expect((await queue.getJob(jobId))?.data).toEqual({ organizationId: tenant.organizationId });
  });

  it('expires the cookie older versions set, and never sets one', async () => {
    const res = await http().get('/admin/queues').set('Cookie', `clockwork_queues_token=${tenant.accessToken}`).expect(401);
    expect(res.headers['set-cookie']).toEqual([expect.stringMatching(/^clockwork_queues_token=; Path=\/admin\/queues; Max-Age=0/)]);
    const ok = await http().get('/admin/queues').set('Authorization', basic(OPERATOR.user, OPERATOR.password)).expect(200);
    expect(ok.headers['set-cookie']).toBeUndefined();
  });

  it('serves the operator the page, its assets and every queue, read-only by default; actions are refused and change nothing', async () => {
    const auth = { Authorization: basic(OPERATOR.user, OPERATOR.password) };
    const page = await http().get('/admin/queues').set(auth).expect(200);
    expect(page.text).toMatch(/<html/);
    await http().get(assetPath).set(auth).expect(200);
    const api = await http().get('/admin/queues/api/queues').set(auth).expect(200);
    const queues = api.body.queues as { name: string; readOnlyMode: boolean }[];
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    expect(queues.every((q) => q.readOnlyMode === true)).toBe(true);
    await http().get(`/admin/queues/api/queues/${QUEUE}/${jobId}`).set(auth).expect(200);
    // The second operator of the list works too.
    await http().get('/admin/queues/api/queues').set('Authorization', basic('night', 'another-Strong-pass-2026')).expect(200);

    const writes: [string, string, object?][] = [
      ['put', `/admin/queues/api/queues/${QUEUE}/pause`],
      ['put', `/admin/queues/api/queues/${QUEUE}/resume`],
      ['put', `/admin/queues/api/queues/${QUEUE}/empty`],
      ['put', `/admin/queues/api/queues/${QUEUE}/clean/completed`],
      ['put', `/admin/queues/api/queues/${QUEUE}/retry/failed`],
      ['put', `/admin/queues/api/queues/${QUEUE}/promote`],
      ['put', `/admin/queues/api/queues/${QUEUE}/${jobId}/clean`],
      ['put', `/admin/queues/api/queues/${QUEUE}/${jobId}/promote`],
      ['patch', `/admin/queues/api/queues/${QUEUE}/${jobId}/update-data`, { jobData: { organizationId: 'other' } }],
      ['post', `/admin/queues/api/queues/${QUEUE}/add`, { name: '__default__', data: { organizationId: tenant.organizationId } }],
    ];
    for (const [method, path, body] of writes) {
      const res = await http()[method as 'put'](path).set(auth).send(body ?? {});
      expect({ path, status: res.status }).toEqual({ path, status: 405 });
    }
    // pause-all answers 200 but skips read-only queues.
    await http().put('/admin/queues/api/queues/pause').set(auth).expect(200);
    expect(await queue.isPaused()).toBe(false);
    expect(await queue.getJobCounts()).toMatchObject({ delayed: 1 });
    expect(await (await queue.getJob(jobId))?.getState()).toBe('delayed');
    expect((await queue.getJob(jobId))?.data).toEqual({ organizationId: tenant.organizationId });
  });
});

describe('Bull Board configuration', () => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  it('is off (404 on every route, whatever the credential) when QUEUE_BOARD_USERS is unset', async () => {
    app = await createApiApp();
    const tenant = await signup(app, 'Board Off');
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/js/main.js']) {
      const res = await request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tenant.accessToken}`).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await request(app.getHttpServer()).get(path).set('Authorization', basic(OPERATOR.user, OPERATOR.password)).expect(404);
    }
  });

  it('lets the operator act on the queues with QUEUE_BOARD_READ_ONLY=false, and still no tenant', async () => {
    app = await createApiApp({ QUEUE_BOARD_USERS: `${OPERATOR.user}:${OPERATOR.password}`, QUEUE_BOARD_READ_ONLY: 'false' });
    const tenant = await signup(app, 'Board Writable');
    const queue = app.get<Queue>(getQueueToken(QUEUES.reportRollups), { strict: false });
    const auth = { Authorization: basic(OPERATOR.user, OPERATOR.password) };
    const http = () => request((app as INestApplication).getHttpServer());
    try {
      const api = await http().get('/admin/queues/api/queues').set(auth).expect(200);
      expect((api.body.queues as { readOnlyMode: boolean }[]).every((q) => q.readOnlyMode === false)).toBe(true);
      await http().put(`/admin/queues/api/queues/${QUEUES.reportRollups}/pause`).set('Authorization', `Bearer ${tenant.accessToken}`).expect(401);
      expect(await queue.isPaused()).toBe(false);
      await http().put(`/admin/queues/api/queues/${QUEUES.reportRollups}/pause`).set(auth).expect(200);
      expect(await queue.isPaused()).toBe(true);
      await http().put(`/admin/queues/api/queues/${QUEUES.reportRollups}/resume`).set(auth).expect(200);
      expect(await queue.isPaused()).toBe(false);
    } finally {
      await queue.resume();
    }
  });
});
