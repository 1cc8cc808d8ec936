import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { apiKeyWithRole, signup } from '../support/org-fixture';

/** Each app gets its own key prefix in Redis, so counters of other test files never mix in. */
const isolated = (env: Record<string, string> = {}) => createApiApp({ QUEUE_PREFIX: `ck-q-${randomBytes(4).toString('hex')}`, ...env });
const secondsToUtcMidnight = () => Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);

describe('API key quotas: requests per minute and per UTC day', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("counts a key's daily quota across routes, then answers 429 until the next UTC day, naming the limit", async () => {
    app = await isolated();
    const admin = await signup(app);
    const key = await apiKeyWithRole(app, admin.accessToken, 'manager', { daily_quota: 3, rate_limit_per_minute: 100 });
    const other = await apiKeyWithRole(app, admin.accessToken, 'manager', { daily_quota: 3 });
    const http = request(app.getHttpServer());
    const as = (k: string, path: string) => http.get(path).set('Authorization', `Bearer ${k}`);
    const first = await as(key.key, '/api/v1/audit-logs').expect(200);
    expect(first.headers['x-ratelimit-limit-api-key-daily']).toBe('3');
    expect(first.headers['x-ratelimit-remaining-api-key-daily']).toBe('2');
    expect(first.headers['x-ratelimit-limit-api-key']).toBe('100');
    await as(key.key, '/api/v1/accounts').expect(200);
    const third = await as(key.key, '/api/v1/deals').expect(200);
    expect(third.headers['x-ratelimit-remaining-api-key-daily']).toBe('0');
    const blocked = await as(key.key, '/api/v1/tasks').expect(429);
    expect(blocked.headers['x-ratelimit-exceeded']).toBe('api-key-daily');
    const retry = Number(blocked.headers['retry-after']);
    expect(Math.abs(retry - secondsToUtcMidnight())).toBeLessThanOrEqual(5);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('daily quota') });
    // Another key of the same organization has its own quota.
    await as(other.key, '/api/v1/audit-logs').expect(200);
    // Signed-in users are not limited by keys' quotas.
    await as(admin.accessToken, '/api/v1/tasks').expect(200);
  });

  it('takes the daily quota from API_KEY_DEFAULT_DAILY_QUOTA when the key sets none, and shows it', async () => {
    app = await isolated({ API_KEY_DEFAULT_DAILY_QUOTA: '2' });
    const admin = await signup(app);
    const key = await apiKeyWithRole(app, admin.accessToken, 'sales');
    const http = request(app.getHttpServer());
    const listed = await http.get('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    expect(listed.body.data.find((k: { id: string }) => k.id === key.id)).toMatchObject({ daily_quota: 2 });
    await http.get('/api/v1/accounts').set('Authorization', `Bearer ${key.key}`).expect(200);
    await http.get('/api/v1/accounts').set('Authorization', `Bearer ${key.key}`).expect(200);
    const blocked = await http.get('/api/v1/accounts').set('Authorization', `Bearer ${key.key}`).expect(429);
    expect(blocked.headers['x-ratelimit-exceeded']).toBe('api-key-daily');
  });

  it('answers the per-minute limit first, with its own name and a Retry-After within the minute', async () => {
    app = await isolated();
    const admin = await signup(app);
    const key = await apiKeyWithRole(app, admin.accessToken, 'manager', { rate_limit_per_minute: 2, daily_quota: 1000 });
    const http = request(app.getHttpServer());
    await http.get('/api/v1/accounts').set('Authorization', `Bearer ${key.key}`).expect(200);
    await http.get('/api/v1/deals').set('Authorization', `Bearer ${key.key}`).expect(200);
    const blocked = await http.get('/api/v1/tasks').set('Authorization', `Bearer ${key.key}`).expect(429);
    expect(blocked.headers['x-ratelimit-exceeded']).toBe('api-key');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body.message).toContain('requests per minute');
  });

  it('validates daily_quota: 400 naming it', async () => {
    app = await isolated();
    const admin = await signup(app);
    const res = await request(app.getHttpServer()).post('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'k', role: 'sales', daily_quota: 0 }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['daily_quota']);
  });
});
