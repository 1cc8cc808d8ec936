import { INestApplication } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { createApiApp } from '../support/api-app';

describe('HTTP conventions', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(() => app.close());

  it('gives an unknown route the contract error shape, without internals', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/does-not-exist').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/v1/does-not-exist' });
  });

  it('answers malformed JSON with a 400 in the same shape', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/health')
      .set('Content-Type', 'application/json')
      .send('{"broken": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|node_modules/);
  });

  it('answers text that is not well-formed Unicode (a lone surrogate) with a 400 naming the field, on every kind of string check', async () => {
    // class-validator's isEmail throws on a lone surrogate; found by the OpenAPI fuzz test.
    for (const [path, body, field] of [
      ['/api/v1/auth/password-reset', '{"email":"\\ud800"}', 'email'],
      ['/api/v1/auth/login', '{"email":"a\\udfff@b.test","password":"x"}', 'email'],
    ]) {
      const res = await request(app.getHttpServer()).post(path).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [{ field }] });
    }
    // A well-formed pair of surrogates (an emoji) is ordinary text.
    const ok = await request(app.getHttpServer()).post('/api/v1/auth/password-reset').set('Content-Type', 'application/json').send('{"email":"\\ud83d\\ude00@b.test"}');
    expect(ok.status).not.toBe(500);
  });

  it('answers an SSO start for a reference that is neither an id nor a slug with a 404, never a database error', async () => {
    for (const ref of ['%00', 'a%00b', '-x', 'x'.repeat(64)]) {
      const res = await request(app.getHttpServer()).get(`/api/v1/auth/sso/${ref}/start`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it('keeps the 100 kB body limit on ordinary routes (413 in the contract shape)', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email: 'a@b.test', password: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await request(app.getHttpServer()).get('/api/v1/health').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(app.getHttpServer()).get('/api/v1/health').set('X-Request-Id', 'bad id with spaces and <script>');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers (helmet)', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves Swagger UI and a valid OpenAPI 3 document with readable operation ids', async () => {
    await request(app.getHttpServer()).get('/api/docs').expect(200).expect('Content-Type', /html/);
    const res = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toMatchObject({ openapi: expect.any(String) });
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/v1/health'].get.operationId).toBe('healthCheck');
  });
});
