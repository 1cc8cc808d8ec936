import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { signInAtProvider, startOidcProvider, TestProvider } from '../support/oidc-stack';
import { signup, SignedUp } from '../support/org-fixture';
import { DataSource } from 'typeorm';

const API = 'http://api.clockwork.test';
const WEB = 'http://web.clockwork.test';
const CALLBACK = `${API}/api/v1/auth/sso/callback`;
const uniq = () => Math.random().toString(36).slice(2, 8);

/** OpenID Connect login against a real provider (oidc-provider in a child process). */
describe('SSO login (OpenID Connect)', () => {
  let app: INestApplication;
  let provider: TestProvider;
  let admin: SignedUp;
  let slug: string;
  const http = () => request(app.getHttpServer());

  const putConfig = (token: string, body: Record<string, unknown>) => http().put('/api/v1/sso/config').set('Authorization', `Bearer ${token}`).send(body);
  /** Starts a login at the product and signs in at the provider; returns the callback path. */
  const loginAtProvider = async (email: string, ref = slug): Promise<string> => {
    const start = await http().get(`/api/v1/auth/sso/${ref}/start`).expect(302);
    const back = await signInAtProvider(start.headers.location, email);
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    return `${back.pathname}${back.search}`;
  };
  const landing = (location: string) => new URLSearchParams(new URL(location).hash.replace(/^#\/sso\?/, ''));

  beforeAll(async () => {
    provider = await startOidcProvider(CALLBACK);
    app = await createApiApp({ API_PUBLIC_URL: API, WEB_APP_URL: WEB, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    admin = await signup(app, 'SSO Org');
    slug = `acme-${uniq()}`;
    await putConfig(admin.accessToken, { slug, issuer_url: provider.issuer, client_id: provider.clientId, client_secret: provider.clientSecret, allowed_domains: ['Acme.Example', 'clockwork.test'], default_role: 'support' }).expect(200);
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  it('stores the client secret encrypted and never shows it', async () => {
    const res = await http().get('/api/v1/sso/config').set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    expect(res.body).toMatchObject({ slug, client_id: provider.clientId, client_secret_set: true, allowed_domains: ['acme.example', 'clockwork.test'], default_role: 'support', enabled: true, redirect_uri: CALLBACK });
    expect(JSON.stringify(res.body)).not.toContain(provider.clientSecret);
    const [row] = await app.get(DataSource).query(`SELECT client_secret FROM sso_configs WHERE organization_id = $1`, [admin.organizationId]);
    expect(row.client_secret).toMatch(/^enc:v1:/);
    expect(row.client_secret).not.toContain(provider.clientSecret);
  });

  it('signs a new user of an allowed domain in with the default role, with working product tokens', async () => {
    const email = `new-${uniq()}@acme.example`;
    const done = await http().get(await loginAtProvider(email)).expect(302);
    expect(done.headers.location.startsWith(`${WEB}/#/sso?`)).toBe(true);
    const tokens = landing(done.headers.location);
    expect(tokens.get('token_type')).toBe('Bearer');
    const me = await http().get('/api/v1/users/me').set('Authorization', `Bearer ${tokens.get('access_token')}`).expect(200);
    expect(me.body).toMatchObject({ email, role: 'support' });
    // The refresh token rotates like any login's.
    await http().post('/api/v1/auth/refresh').send({ refresh_token: tokens.get('refresh_token') }).expect(200);
    await http().post('/api/v1/auth/refresh').send({ refresh_token: tokens.get('refresh_token') }).expect(401);
    const audit = await http().get(`/api/v1/audit-logs?object_id=${me.body.id}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    const actions = audit.body.data.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'login']));
    const login = audit.body.data.find((a: { action: string }) => a.action === 'login');
    expect(login.changes).toMatchObject({ method: 'sso', issuer: provider.issuer });
  });

  it('signs an existing user in as themselves (by email, case-insensitive)', async () => {
    const done = await http().get(await loginAtProvider(admin.email.toUpperCase())).expect(302);
    const me = await http().get('/api/v1/users/me').set('Authorization', `Bearer ${landing(done.headers.location).get('access_token')}`).expect(200);
    expect(me.body).toMatchObject({ id: admin.userId, role: 'admin' });
  });

  it('starts by organization id too; an unknown organization is 404', async () => {
    await http().get(`/api/v1/auth/sso/${admin.organizationId}/start`).expect(302);
    await http().get('/api/v1/auth/sso/no-such-org/start').expect(404);
  });

  it('refuses a replayed state, an unknown state and a missing one with 400', async () => {
    const callback = await loginAtProvider(`replay-${uniq()}@acme.example`);
    await http().get(callback).expect(302);
    const replay = await http().get(callback).expect(400);
    expect(replay.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/state/) });
    await http().get('/api/v1/auth/sso/callback?state=forged&code=x').expect(400);
    const missing = await http().get('/api/v1/auth/sso/callback?code=x').expect(400);
    expect(missing.body.details).toEqual([{ field: 'state', errors: ['state is required'] }]);
  });

  it('refuses an ID token whose nonce is not the one of the login with 401', async () => {
    const callback = await loginAtProvider(`nonce-${uniq()}@acme.example`);
    const state = new URLSearchParams(callback.split('?')[1]).get('state') as string;
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const key = `${process.env.QUEUE_PREFIX}:sso:state:${state}`;
      const pending = JSON.parse((await redis.get(key)) as string);
      await redis.set(key, JSON.stringify({ ...pending, nonce: 'not-the-nonce-of-this-login' }), 'PX', 60_000);
    } finally {
      redis.disconnect();
    }
    const res = await http().get(callback).expect(401);
    expect(res.body.message).toMatch(/nonce/i);
  });

  it('refuses an email domain that is not allowed with 403, creates nobody, and audits the refusal', async () => {
    const email = `intruder-${uniq()}@elsewhere.example`;
    const res = await http().get(await loginAtProvider(email)).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, message: expect.stringContaining('elsewhere.example') });
    const [{ n }] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email]);
    expect(n).toBe(0);
    const audit = await http().get('/api/v1/audit-logs?object_type=sso_config').set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    expect(audit.body.data.find((a: { action: string }) => a.action === 'sso_login_refused')?.changes).toMatchObject({ reason: 'domain_not_allowed', email_domain: 'elsewhere.example' });
  });

  it("refuses a provider that announces another issuer than the configured one with 400", async () => {
    const other = await startOidcProvider(CALLBACK, { issuerPath: '/another-issuer' });
    try {
      const org = await signup(app, 'Wrong Issuer Org');
      await putConfig(org.accessToken, { issuer_url: other.issuer.replace('/another-issuer', ''), client_id: other.clientId, client_secret: other.clientSecret, allowed_domains: ['acme.example'] }).expect(200);
      const res = await http().get(`/api/v1/auth/sso/${org.organizationId}/start`).expect(400);
      expect(res.body.message).toMatch(/issuer/);
    } finally {
      await other.stop();
    }
  });

  it('validates the configuration: 400 naming each field; a disabled SSO cannot start', async () => {
    const res = await putConfig(admin.accessToken, { issuer_url: 'not a url', client_id: '', allowed_domains: ['not a domain'], default_role: 'owner' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['allowed_domains', 'client_id', 'default_role', 'issuer_url']);
    const org = await signup(app, 'Disabled SSO Org');
    await putConfig(org.accessToken, { issuer_url: provider.issuer, client_id: 'x', allowed_domains: ['acme.example'] }).expect(400);
    await putConfig(org.accessToken, { issuer_url: provider.issuer, client_id: 'x', client_secret: 'y', allowed_domains: ['acme.example'], enabled: false }).expect(200);
    await http().get(`/api/v1/auth/sso/${org.organizationId}/start`).expect(404);
  });
});
