import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  const accountsFile = join(mkdtempSync(join(tmpdir(), 'cw-oidc-')), 'accounts.json');
  const accounts: Record<string, { email?: string; email_verified?: boolean }> = {};
  /** Sets a subject's claims at the provider (its email, whether verified). */
  const atProvider = (subject: string, claims: { email?: string; email_verified?: boolean }) => {
    accounts[subject] = claims;
    writeFileSync(accountsFile, JSON.stringify(accounts));
  };
  const putConfig = (token: string, body: Record<string, unknown>) => http().put('/api/v1/sso/config').set('Authorization', `Bearer ${token}`).send(body);
  /**
   * Starts a login at the product (its cookie binds the login to this "browser") and signs in
   * at the provider as `subject`; returns the callback path and the browser's cookie.
   */
  const loginAtProvider = async (subject: string, ref = slug): Promise<{ callback: string; cookie: string }> => {
    const start = await http().get(`/api/v1/auth/sso/${ref}/start`).expect(302);
    const setCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []);
    const binding = setCookie.find((c) => c.startsWith('cw_sso_browser='));
    expect(binding).toBeDefined();
    const back = await signInAtProvider(start.headers.location, subject);
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    return { callback: `${back.pathname}${back.search}`, cookie: (binding as string).split(';')[0] };
  };
  /** The browser coming back to the callback with its cookie. */
  const callback = (login: { callback: string; cookie: string }) => http().get(login.callback).set('Cookie', login.cookie);
  /** The one-time code in the web app landing's fragment (nothing in its query). */
  const codeOf = (location: string) => {
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(`${WEB}/sso`);
    expect(url.search).toBe('');
    const code = new URLSearchParams(url.hash.slice(1)).get('code') as string;
    expect(code).toMatch(/^[\w-]{43}$/);
    return code;
  };
  const exchange = (code: string) => http().post('/api/v1/auth/sso/exchange').send({ code });
  /** A whole login as `subject`: the product's tokens. */
  const ssoLogin = async (subject: string) => {
    const done = await callback(await loginAtProvider(subject)).expect(302);
    return (await exchange(codeOf(done.headers.location)).expect(200)).body as { access_token: string; refresh_token: string; token_type: string; user: { id: string } };
  };
  const me = (token: string) => http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    writeFileSync(accountsFile, '{}');
    provider = await startOidcProvider(CALLBACK, { accountsFile });
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

  it('signs a new user of an allowed domain in with the default role: a one-time code in the landing fragment, exchanged by POST for working tokens', async () => {
    const email = `new-${uniq()}@acme.example`;
    const login = await loginAtProvider(email);
    const done = await callback(login).expect(302);
    expect(done.headers.location).not.toMatch(/token/);
    // The binding cookie is spent with the state.
    expect(([] as string[]).concat(done.headers['set-cookie'] ?? []).join()).toMatch(/cw_sso_browser=;/);
    const code = codeOf(done.headers.location);
    const tokens = await exchange(code).expect(200);
    expect(tokens.headers['cache-control']).toBe('no-store');
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', user: { email, role: 'support' } });
    const user = await me(tokens.body.access_token).expect(200);
    expect(user.body).toMatchObject({ email, role: 'support' });
    // The refresh token rotates like any login's.
    await http().post('/api/v1/auth/refresh').send({ refresh_token: tokens.body.refresh_token }).expect(200);
    await http().post('/api/v1/auth/refresh').send({ refresh_token: tokens.body.refresh_token }).expect(401);
    const audit = await http().get(`/api/v1/audit-logs?object_id=${user.body.id}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    const actions = audit.body.data.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'login']));
    const loginRow = audit.body.data.find((a: { action: string }) => a.action === 'login');
    expect(loginRow.changes).toMatchObject({ method: 'sso', issuer: provider.issuer, subject: email });
  });

  it('the one-time code is single use, lives 60 s, is stored hashed, and a wrong code is refused', async () => {
    const done = await callback(await loginAtProvider(`once-${uniq()}@acme.example`)).expect(302);
    const code = codeOf(done.headers.location);
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const hashed = `${process.env.QUEUE_PREFIX}:sso:code:${createHash('sha256').update(code).digest('hex')}`;
      const ttl = await redis.pttl(hashed);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await redis.exists(`${process.env.QUEUE_PREFIX}:sso:code:${code}`)).toBe(0);
    } finally {
      redis.disconnect();
    }
    await exchange(code).expect(200);
    const reused = await exchange(code).expect(400);
    expect(reused.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/code/), details: [{ field: 'code', errors: [expect.any(String)] }] });
    await exchange('not-a-code-of-any-login-0123456789abcdefghijkl').expect(400);
    const missing = await http().post('/api/v1/auth/sso/exchange').send({}).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['code']);
  });

  it('refuses a state brought back by another browser (no cookie, or another login\'s cookie) with 400', async () => {
    const victim = await loginAtProvider(`csrf-${uniq()}@acme.example`);
    const other = await loginAtProvider(`csrf-other-${uniq()}@acme.example`);
    const noCookie = await http().get(victim.callback).expect(400);
    expect(noCookie.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/another browser/), details: [{ field: 'state', errors: ['state does not belong to this browser'] }] });
    // Single use: the refused state is spent too, so its own browser cannot finish it either.
    await callback(victim).expect(400);
    const swapped = await http().get(other.callback).set('Cookie', victim.cookie).expect(400);
    expect(swapped.body.message).toMatch(/another browser/);
  });

  it('sends a person\'s browser that brings a state from another browser to the web app\'s error page (a code, no tokens), API clients get the 400', async () => {
    const victim = await loginAtProvider(`page-${uniq()}@acme.example`);
    const other = await loginAtProvider(`page-other-${uniq()}@acme.example`);
    const page = await http().get(victim.callback).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(302);
    expect(page.headers.location).toBe(`${WEB}/sso#error=other_browser`);
    const replayed = await http().get(victim.callback).set('Cookie', victim.cookie).set('Accept', 'text/html').expect(302);
    expect(replayed.headers.location).toBe(`${WEB}/sso#error=expired`);
    await http().get(other.callback).set('Accept', 'application/json').expect(400);
  });

  it('sets the binding cookie HttpOnly, SameSite=Lax, on the callback path only, short-lived', async () => {
    const start = await http().get(`/api/v1/auth/sso/${slug}/start`).expect(302);
    const cookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).find((c) => c.startsWith('cw_sso_browser=')) as string;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/api\/v1\/auth\/sso\/callback/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeLessThanOrEqual(600);
    expect(cookie).not.toMatch(/; Secure/); // plain http in this test; Secure in production (sso-login.spec.ts in the lib)
  });

  it('signs an existing user in as themselves (by verified email on the first login, case-insensitive)', async () => {
    const tokens = await ssoLogin(admin.email.toUpperCase());
    const user = await me(tokens.access_token).expect(200);
    expect(user.body).toMatchObject({ id: admin.userId, role: 'admin' });
  });

  it('links by (issuer, subject): a linked user still signs in after their email changed at the provider', async () => {
    const subject = `subj-${uniq()}`;
    const email = `linked-${uniq()}@acme.example`;
    atProvider(subject, { email, email_verified: true });
    const first = await ssoLogin(subject);
    expect((await me(first.access_token).expect(200)).body).toMatchObject({ email });
    const [link] = await app.get(DataSource).query(`SELECT user_id, issuer, subject FROM sso_identities WHERE organization_id = $1 AND subject = $2`, [admin.organizationId, subject]);
    expect(link).toEqual({ user_id: first.user.id, issuer: provider.issuer, subject });
    // The provider now says another address (even an unverified one of a foreign domain): same user.
    atProvider(subject, { email: `renamed-${uniq()}@elsewhere.example`, email_verified: false });
    const again = await ssoLogin(subject);
    expect(again.user.id).toBe(first.user.id);
    expect((await me(again.access_token).expect(200)).body).toMatchObject({ id: first.user.id, email });
  });

  it('refuses another subject with the email of an already linked user (403), and links nobody', async () => {
    const email = `taken-${uniq()}@acme.example`;
    const owner = `owner-${uniq()}`;
    atProvider(owner, { email, email_verified: true });
    const first = await ssoLogin(owner);
    const impostor = `impostor-${uniq()}`;
    atProvider(impostor, { email, email_verified: true });
    const res = await callback(await loginAtProvider(impostor)).expect(403);
    expect(res.body.message).toMatch(/linked to another identity/);
    const rows = await app.get(DataSource).query(`SELECT subject FROM sso_identities WHERE organization_id = $1 AND user_id = $2`, [admin.organizationId, first.user.id]);
    expect(rows).toEqual([{ subject: owner }]);
  });

  it('refuses a first login whose email is not verified at the provider (403), creating and linking nobody', async () => {
    const subject = `unverified-${uniq()}`;
    const email = `unverified-${uniq()}@acme.example`;
    atProvider(subject, { email, email_verified: false });
    const res = await callback(await loginAtProvider(subject)).expect(403);
    expect(res.body.message).toMatch(/not verified/);
    const db = app.get(DataSource);
    expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email]))[0].n).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM sso_identities WHERE subject = $1`, [subject]))[0].n).toBe(0);
    // Nor is an existing user (the admin) linked through an unverified claim of their address.
    const hijack = `hijack-${uniq()}`;
    atProvider(hijack, { email: admin.email, email_verified: false });
    await callback(await loginAtProvider(hijack)).expect(403);
    expect((await db.query(`SELECT count(*)::int AS n FROM sso_identities WHERE subject = $1`, [hijack]))[0].n).toBe(0);
  });

  it('starts by organization id too; an unknown organization is 404', async () => {
    await http().get(`/api/v1/auth/sso/${admin.organizationId}/start`).expect(302);
    await http().get('/api/v1/auth/sso/no-such-org/start').expect(404);
  });

  it('refuses a replayed state, an unknown state and a missing one with 400', async () => {
    const login = await loginAtProvider(`replay-${uniq()}@acme.example`);
    await callback(login).expect(302);
    const replay = await callback(login).expect(400);
    expect(replay.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/state/) });
    await http().get('/api/v1/auth/sso/callback?state=forged&code=x').set('Cookie', login.cookie).expect(400);
    const missing = await http().get('/api/v1/auth/sso/callback?code=x').expect(400);
    expect(missing.body.details).toEqual([{ field: 'state', errors: ['state is required'] }]);
  });

  it('refuses an ID token whose nonce is not the one of the login with 401', async () => {
    const login = await loginAtProvider(`nonce-${uniq()}@acme.example`);
    const state = new URLSearchParams(login.callback.split('?')[1]).get('state') as string;
    const redis = new Redis(process.env.REDIS_URL as string);
    try {
      const key = `${process.env.QUEUE_PREFIX}:sso:state:${state}`;
      const pending = JSON.parse((await redis.get(key)) as string);
      await redis.set(key, JSON.stringify({ ...pending, nonce: 'not-the-nonce-of-this-login' }), 'PX', 60_000);
    } finally {
      redis.disconnect();
    }
    const res = await callback(login).expect(401);
    expect(res.body.message).toMatch(/nonce/i);
  });

  it('refuses an email domain that is not allowed with 403, creates nobody, and audits the refusal', async () => {
    const email = `intruder-${uniq()}@elsewhere.example`;
    const res = await callback(await loginAtProvider(email)).expect(403);
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

  it("refuses a discovery document that points any endpoint to another origin than the issuer's (no open redirect through a tenant's document)", async () => {
    // A tenant's own "provider": a discovery document naming the right issuer, one endpoint elsewhere.
    let origin = '';
    const foreign: Record<string, string> = {};
    const fake: Server = createServer((req, res) => {
      if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          issuer: origin,
          authorization_endpoint: `${origin}/auth`,
          token_endpoint: `${origin}/token`,
          userinfo_endpoint: `${origin}/me`,
          jwks_uri: `${origin}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          ...foreign,
        }),
      );
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      const org = await signup(app, 'Foreign Endpoint Org');
      await putConfig(org.accessToken, { issuer_url: origin, client_id: 'c', client_secret: 's', allowed_domains: ['acme.example'] }).expect(200);
      // The same document with every endpoint at the issuer's origin is accepted.
      const ok = await http().get(`/api/v1/auth/sso/${org.organizationId}/start`).expect(302);
      expect(ok.headers.location.startsWith(`${origin}/auth?`)).toBe(true);
      for (const [key, value] of [
        ['authorization_endpoint', 'https://evil.example/auth'],
        ['token_endpoint', 'http://127.0.0.1:1/token'],
        ['jwks_uri', 'https://evil.example/jwks'],
        ['end_session_endpoint', 'https://evil.example/logout'],
      ]) {
        for (const k of Object.keys(foreign)) delete foreign[k];
        foreign[key] = value;
        const res = await http().get(`/api/v1/auth/sso/${org.organizationId}/start`).expect(400);
        expect(res.body.message).toContain(key);
        expect(res.headers.location).toBeUndefined();
      }
    } finally {
      await new Promise((resolve) => fake.close(resolve));
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
