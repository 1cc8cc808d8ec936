import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { apiKeyWithRole, PASSWORD, signup, uniqueEmail } from '../support/org-fixture';

/** Each app gets its own key prefix in Redis, so counters of other test files never mix in. */
const isolated = (env: Record<string, string>) => createApiApp({ QUEUE_PREFIX: `ck-rl-${randomBytes(4).toString('hex')}`, ...env });

describe('rate limits (Redis-backed @nestjs/throttler)', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('throttles logins per email with 429 and Retry-After', async () => {
    app = await isolated({ LOGIN_RATE_LIMIT_PER_EMAIL: '3', LOGIN_RATE_LIMIT_PER_IP: '1000' });
    const { email } = await signup(app);
    const http = request(app.getHttpServer());
    for (let i = 0; i < 3; i++) await http.post('/api/v1/auth/login').send({ email, password: 'wrong password!' }).expect(401);
    const blocked = await http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Another address is not affected by this one's attempts.
    await http.post('/api/v1/auth/login').send({ email: uniqueEmail(), password: PASSWORD }).expect(401);
  });

  it('throttles logins per client IP across emails', async () => {
    app = await isolated({ LOGIN_RATE_LIMIT_PER_EMAIL: '1000', LOGIN_RATE_LIMIT_PER_IP: '4' });
    const http = request(app.getHttpServer());
    for (let i = 0; i < 4; i++) await http.post('/api/v1/auth/login').send({ email: uniqueEmail(), password: PASSWORD }).expect(401);
    const blocked = await http.post('/api/v1/auth/login').send({ email: uniqueEmail(), password: PASSWORD }).expect(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('behind a trusted proxy, counts per client address from X-Forwarded-For', async () => {
    app = await isolated({ LOGIN_RATE_LIMIT_PER_EMAIL: '1000', LOGIN_RATE_LIMIT_PER_IP: '2', TRUST_PROXY: 'loopback' });
    const http = request(app.getHttpServer());
    const from = (ip: string) => http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: uniqueEmail(), password: PASSWORD });
    await from('203.0.113.7').expect(401);
    await from('203.0.113.7').expect(401);
    await from('203.0.113.7').expect(429);
    // Another client behind the same proxy is not throttled by the first one's attempts.
    await from('198.51.100.9').expect(401);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For (a client cannot dodge the limit)', async () => {
    app = await isolated({ LOGIN_RATE_LIMIT_PER_EMAIL: '1000', LOGIN_RATE_LIMIT_PER_IP: '2' });
    const http = request(app.getHttpServer());
    await http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.1').send({ email: uniqueEmail(), password: PASSWORD }).expect(401);
    await http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.2').send({ email: uniqueEmail(), password: PASSWORD }).expect(401);
    await http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.3').send({ email: uniqueEmail(), password: PASSWORD }).expect(429);
  });

  it("enforces an API key's own requests per minute", async () => {
    app = await isolated({});
    const admin = await signup(app);
    const slow = await apiKeyWithRole(app, admin.accessToken, 'manager', { rate_limit_per_minute: 2 });
    const other = await apiKeyWithRole(app, admin.accessToken, 'manager');
    const http = request(app.getHttpServer());
    await http.get('/api/v1/audit-logs').set('Authorization', `Bearer ${slow.key}`).expect(200);
    await http.get('/api/v1/audit-logs').set('Authorization', `Bearer ${slow.key}`).expect(200);
    const blocked = await http.get('/api/v1/audit-logs').set('Authorization', `Bearer ${slow.key}`).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await http.get('/api/v1/audit-logs').set('Authorization', `Bearer ${other.key}`).expect(200);
  });
});
