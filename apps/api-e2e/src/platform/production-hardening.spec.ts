import { INestApplication } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup } from '../support/org-fixture';
import { PRODUCTION_ENV } from '../support/production-env';

const PRODUCTION = { ...PRODUCTION_ENV, SWAGGER_ENABLED: 'false', CORS_ORIGINS: 'https://crm.example.com' };

/** A Sentry ingest stand-in: records the envelopes POSTed to it. */
async function envelopeSink(): Promise<{ server: Server; dsn: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url?.includes('/envelope')) bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, dsn: `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/42`, bodies };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end && !check(); ) await new Promise((r) => setTimeout(r, 50));
};

describe('production hardening', () => {
  let app: INestApplication;
  let sink: Awaited<ReturnType<typeof envelopeSink>>;

  beforeAll(async () => {
    sink = await envelopeSink();
    app = await createApiApp({ ...PRODUCTION, SENTRY_DSN: sink.dsn });
  });
  afterAll(async () => {
    await app.close().catch(() => undefined);
    sink.server.close();
  });

  it('serves no Swagger UI or OpenAPI document when SWAGGER_ENABLED=false', async () => {
    await request(app.getHttpServer()).get('/api/docs').expect(404);
    await request(app.getHttpServer()).get('/api/docs-json').expect(404);
  });

  it('sends the security headers, HSTS included', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/health');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows a listed CORS origin and refuses an unlisted one', async () => {
    const listed = await request(app.getHttpServer()).options('/api/v1/accounts').set('Origin', 'https://crm.example.com').set('Access-Control-Request-Method', 'GET');
    expect(listed.headers['access-control-allow-origin']).toBe('https://crm.example.com');
    const unlisted = await request(app.getHttpServer()).options('/api/v1/accounts').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(unlisted.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(app.getHttpServer()).get('/api/v1/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a 4xx is not reported to Sentry', async () => {
    await request(app.getHttpServer()).get('/api/v1/accounts').expect(401);
    await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'x', extra: 1 }).expect(400);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.bodies).toEqual([]);
  });

  it('answers a 500 with the generic error shape only, and reports it to Sentry without personal data', async () => {
    const admin = await signup(app);
    // The database goes away under the running app.
    await app.get(DataSource).destroy();
    const res = await request(app.getHttpServer()).get('/api/v1/accounts?q=secret-search').set('Authorization', `Bearer ${admin.accessToken}`).expect(500);
    expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    expect(res.text).not.toMatch(/at \S+ \(|node_modules|typeorm|pool|Connection/i);
    await waitFor(() => sink.bodies.length > 0);
    expect(sink.bodies.length).toBe(1);
    const envelope = sink.bodies[0];
    expect(envelope).toContain('"type":"event"');
    expect(envelope).not.toContain(admin.accessToken);
    expect(envelope).not.toContain(admin.email);
    expect(envelope).not.toContain('secret-search');
  });
});
