import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../support/api-app';

const sample = (text: string, line: RegExp) => text.split('\n').find((l) => line.test(l));

describe('GET /metrics', () => {
  let app: INestApplication;
  afterEach(() => app?.close());

  it('exposes HTTP latency by route pattern, queue depth and process metrics in Prometheus format', async () => {
    app = await createApiApp();
    const http = request(app.getHttpServer());
    await http.get('/api/v1/health').expect(200);
    await http.get('/api/v1/accounts/0190d6f2-0000-7000-8000-000000000000').expect(401);
    const res = await http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(sample(res.text, /^clockwork_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status="200"\} 1$/)).toBeDefined();
    // The route pattern, never the concrete id: label cardinality stays bounded.
    expect(res.text).not.toContain('0190d6f2-0000');
    expect(sample(res.text, /^clockwork_queue_jobs\{queue="domain-events",state="waiting"\} \d+$/)).toBeDefined();
    expect(sample(res.text, /^clockwork_process_resident_memory_bytes \d+/)).toBeDefined();
    expect(res.text).toContain('# TYPE clockwork_time_entries_ingested_total counter');
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    app = await createApiApp({ METRICS_TOKEN: 'scrape-token-for-tests' });
    const http = request(app.getHttpServer());
    const refused = await http.get('/metrics').expect(401);
    expect(refused.body.message).toMatch(/METRICS_TOKEN/);
    await http.get('/metrics').set('Authorization', 'Bearer wrong-token-of-same-size!').expect(401);
    await http.get('/metrics').set('Authorization', 'Bearer scrape-token-for-tests').expect(200);
  });

  it('refuses to boot in production without a METRICS_TOKEN', async () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-more-than-32-characters', ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`, BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64') };
    await expect(createApiApp(production)).rejects.toThrow(/METRICS_TOKEN: required in production/);
    app = await createApiApp({ ...production, METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters' });
    await request(app.getHttpServer()).get('/metrics').expect(401);
  });
});
