import { randomBytes } from 'node:crypto';
import { AppProcess, freePort, startApiProcess, startAppProcess } from '../support/app-process';
import { signInAtProvider, startOidcProvider, TestProvider } from '../support/oidc-stack';
import { PASSWORD } from '../support/org-fixture';
import { waitFor } from '../support/wait-for';
import { WebhookReceiver } from '../support/webhook-receiver';

const uniq = () => randomBytes(4).toString('hex');

/**
 * What the api and the worker write to their logs (their real entry points, pino to stdout,
 * captured) during a flow that handles every kind of secret: signup and password, a failed
 * login, an SSO login with its one-time code, a token refresh, a report export downloaded
 * through its signed link, a webhook subscription's signing secret and a delivery. None of
 * those values may appear; the request lines themselves must (route pattern, status, ids).
 */
describe('logs carry no secrets', () => {
  let api: AppProcess & { url: string };
  let worker: AppProcess;
  let provider: TestProvider;
  let receiver: WebhookReceiver;
  /** Every value that must never be logged, by what it is. */
  const secrets: Record<string, string> = {};
  let adminUserId = '';
  let organizationId = '';

  const call = async (method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      /* a file */
    }
    return { status: res.status, headers: res.headers, json: json as Record<string, never>, text };
  };

  beforeAll(async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider(`${apiUrl}/api/v1/auth/sso/callback`);
    receiver = await WebhookReceiver.start();
    // debug: the most the processes ever write.
    const env = { LOG_LEVEL: 'debug', WEB_APP_URL: 'http://web.clockwork.test', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WORKER_METRICS_PORT: '0', SENTRY_DSN: '' };
    [api, worker] = await Promise.all([startApiProcess(env, port), Promise.resolve(startAppProcess('worker', env))]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop(), provider?.stop(), receiver?.close()]);
  });

  it('runs the flow, and neither process logs a token, code, secret, password or email', async () => {
    // Signup (email and password in the body).
    const adminEmail = `owner-${uniq()}@logs.example`;
    secrets['admin email'] = adminEmail;
    secrets['password'] = PASSWORD;
    const signup = await call('POST', '/api/v1/auth/signup', { organization_name: `Logs ${uniq()}`, name: 'Log Owner', email: adminEmail, password: PASSWORD });
    expect(signup.status).toBe(201);
    const admin = signup.json as unknown as { access_token: string; refresh_token: string; user: { id: string }; organization: { id: string } };
    adminUserId = admin.user.id;
    organizationId = admin.organization.id;
    secrets['admin access token'] = admin.access_token;
    secrets['admin refresh token'] = admin.refresh_token;

    // Failed logins: an unknown email, and a known one with a wrong password.
    const ghost = `ghost-${uniq()}@nowhere.example`;
    secrets['unknown login email'] = ghost;
    secrets['wrong password'] = `Wrong-${uniq()}-password`;
    expect((await call('POST', '/api/v1/auth/login', { email: ghost, password: secrets['wrong password'] })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { email: adminEmail, password: secrets['wrong password'] })).status).toBe(401);

    // SSO: configure, start (binding cookie), sign in at the provider, callback, code exchange.
    secrets['sso client secret'] = provider.clientSecret;
    const slug = `logs-${uniq()}`;
    expect((await call('PUT', '/api/v1/sso/config', { slug, issuer_url: provider.issuer, client_id: provider.clientId, client_secret: provider.clientSecret, allowed_domains: ['logs.example'] }, admin.access_token)).status).toBe(200);
    const ssoEmail = `sso-${uniq()}@logs.example`;
    secrets['sso email'] = ssoEmail;
    const start = await call('GET', `/api/v1/auth/sso/${slug}/start`);
    expect(start.status).toBe(302);
    const cookie = (start.headers.getSetCookie().find((c) => c.startsWith('cw_sso_browser=')) as string).split(';')[0];
    secrets['sso browser binding'] = cookie.split('=')[1];
    const authorize = new URL(start.headers.get('location') as string);
    secrets['sso state'] = authorize.searchParams.get('state') as string;
    const back = await signInAtProvider(authorize.href, ssoEmail);
    secrets['provider authorization code'] = back.searchParams.get('code') as string;
    const landed = await call('GET', `${back.pathname}${back.search}`, undefined, undefined, { Cookie: cookie });
    expect(landed.status).toBe(302);
    const code = new URLSearchParams(new URL(landed.headers.get('location') as string).hash.slice(1)).get('code') as string;
    secrets['sso one-time code'] = code;
    const sso = await call('POST', '/api/v1/auth/sso/exchange', { code });
    expect(sso.status).toBe(200);
    secrets['sso access token'] = sso.json['access_token'];
    secrets['sso refresh token'] = sso.json['refresh_token'];

    // Refresh (the refresh token in the body, a new pair in the answer).
    const refreshed = await call('POST', '/api/v1/auth/refresh', { refresh_token: sso.json['refresh_token'] });
    expect(refreshed.status).toBe(200);
    secrets['refreshed access token'] = refreshed.json['access_token'];
    secrets['refreshed refresh token'] = refreshed.json['refresh_token'];
    // A replayed refresh token is refused (and logged as a refusal only).
    expect((await call('POST', '/api/v1/auth/refresh', { refresh_token: sso.json['refresh_token'] })).status).toBe(401);

    // Outbound webhook: a subscription's signing secret, and a delivery the worker sends.
    const sub = await call('POST', '/api/v1/webhooks/subscriptions', { url: receiver.url, events: ['task.created'] }, admin.access_token);
    expect(sub.status).toBe(201);
    secrets['webhook signing secret'] = sub.json['secret'];
    const task = await call('POST', '/api/v1/tasks', { title: `Call ${ssoEmail}` }, admin.access_token);
    expect(task.status).toBe(201);
    await waitFor('the webhook delivery', async () => receiver.received.length > 0, 60_000);

    // Report export built by the worker, downloaded through its signed link (token in the query).
    const requested = await call('POST', '/api/v1/reports/exports', { report: 'pipeline', format: 'csv' }, admin.access_token);
    expect(requested.status).toBe(202);
    const finished = (await waitFor(
      'the report export',
      async () => {
        const s = await call('GET', `/api/v1/reports/exports/${requested.json['id']}`, undefined, admin.access_token);
        return s.json['status'] === 'done' ? s.json : null;
      },
      60_000,
    )) as Record<string, string>;
    const link = new URL(finished['download_url'], api.url);
    secrets['export download token'] = link.searchParams.get('token') as string;
    const file = await call('GET', `${link.pathname}${link.search}`);
    expect(file.status).toBe(200);

    // Let the last lines reach the pipes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const apiLog = api.output();
    const workerLog = worker.output();

    // And nothing secret in either, whole or URL-encoded.
    for (const [what, value] of Object.entries(secrets)) {
      expect(value).toEqual(expect.any(String));
      expect(value.length).toBeGreaterThan(5);
      for (const [name, log] of [['api', apiLog], ['worker', workerLog]]) {
        const leaked = log.includes(value) || log.includes(encodeURIComponent(value)) || log.toLowerCase().includes(value.toLowerCase());
        expect({ log: name, what, leaked }).toEqual({ log: name, what, leaked: false });
      }
    }
    // No email of any kind, no URL with a query string, no header dump.
    for (const [name, log] of [['api', apiLog], ['worker', workerLog]]) {
      expect({ log: name, emails: log.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? [] }).toEqual({ log: name, emails: [] });
      expect({ log: name, headers: /"(authorization|cookie|set-cookie|location)"/i.test(log) }).toEqual({ log: name, headers: false });
      expect({ log: name, query: /\?(token|code|state)=/.test(log) }).toEqual({ log: name, query: false });
    }
    // The logs are there: one allowlisted line per request, with the route pattern and status.
    const apiLines = apiLog.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = apiLines.filter((l) => l['msg'] === 'request completed' || l['msg'] === 'request failed');
    const line = (method: string, route: string, status: number) => requestLines.find((l) => l['method'] === method && l['route'] === route && l['status'] === status);
    expect(line('POST', '/api/v1/auth/login', 401)).toBeDefined();
    expect(line('GET', '/api/v1/auth/sso/:organization/start', 302)).toBeDefined();
    expect(line('GET', '/api/v1/auth/sso/callback', 302)).toBeDefined();
    expect(line('POST', '/api/v1/auth/sso/exchange', 200)).toBeDefined();
    expect(line('POST', '/api/v1/auth/refresh', 200)).toBeDefined();
    expect(line('GET', '/api/v1/reports/exports/:id/download', 200)).toBeDefined();
    expect(line('POST', '/api/v1/tasks', 201)).toMatchObject({ user_id: adminUserId, organization_id: organizationId, service: 'api' });
    for (const l of requestLines) {
      expect(Object.keys(l).filter((k) => !['level', 'time', 'service', 'request_id', 'msg', 'method', 'route', 'status', 'duration_ms', 'user_id', 'api_key_id', 'integration_id', 'organization_id'].includes(k))).toEqual([]);
      expect(l['request_id']).toEqual(expect.any(String));
    }
    expect(workerLog.split('\n').filter((l) => l.includes('"service":"worker"')).length).toBeGreaterThan(0);

  }, 240_000);
});
