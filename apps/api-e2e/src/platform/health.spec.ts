import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../support/api-app';

describe('GET /api/v1/health', () => {
  let app: INestApplication;
  afterEach(() => app?.close());

  it('reports db and redis up against the real servers', async () => {
    app = await createApiApp();
    const res = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });

  it('answers 503 naming the component that is down', async () => {
    app = await createApiApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await request(app.getHttpServer()).get('/api/v1/health').expect(503);
    expect(res.body).toEqual({ status: 'error', db: 'up', redis: 'down' });
  });
});
