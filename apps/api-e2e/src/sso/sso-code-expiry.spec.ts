import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { signInAtProvider, startOidcProvider, TestProvider } from '../support/oidc-stack';
import { signup } from '../support/org-fixture';

const API = 'http://api.clockwork.test';
const WEB = 'http://web.clockwork.test';
const CALLBACK = `${API}/api/v1/auth/sso/callback`;

/**
 * The one-time code of a finished SSO login expires: an app whose SSO_CODE_TTL_SECONDS is
 * lowered to 1 (its own file: one api app per test process) refuses a code exchanged later.
 */
describe('SSO one-time code expiry', () => {
  let app: INestApplication;
  let provider: TestProvider;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    provider = await startOidcProvider(CALLBACK);
    app = await createApiApp({ API_PUBLIC_URL: API, WEB_APP_URL: WEB, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', SSO_CODE_TTL_SECONDS: '1' });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  const finishLogin = async (organizationId: string, email: string): Promise<string> => {
    const start = await http().get(`/api/v1/auth/sso/${organizationId}/start`).expect(302);
    const cookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).find((c) => c.startsWith('cw_sso_browser=')) as string;
    const back = await signInAtProvider(start.headers.location, email);
    const done = await http().get(`${back.pathname}${back.search}`).set('Cookie', cookie.split(';')[0]).expect(302);
    return new URLSearchParams(new URL(done.headers.location).hash.slice(1)).get('code') as string;
  };

  it('exchanges a code at once, and refuses one exchanged after its lifetime with 400', async () => {
    const admin = await signup(app, 'Expiry Org');
    await http()
      .put('/api/v1/sso/config')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ issuer_url: provider.issuer, client_id: provider.clientId, client_secret: provider.clientSecret, allowed_domains: ['acme.example'] })
      .expect(200);
    const fresh = await finishLogin(admin.organizationId, 'prompt@acme.example');
    await http().post('/api/v1/auth/sso/exchange').send({ code: fresh }).expect(200);
    const late = await finishLogin(admin.organizationId, 'late@acme.example');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const res = await http().post('/api/v1/auth/sso/exchange').send({ code: late }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/expired/), details: [{ field: 'code', errors: [expect.any(String)] }] });
  });
});
