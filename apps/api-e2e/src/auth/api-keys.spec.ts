import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup } from '../support/org-fixture';

describe('API keys', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(() => app.close());

  it('shows a new key once, stores only its hash, and lists it without the secret', async () => {
    const admin = await signup(app);
    const created = await http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ name: 'Productivity sync', role: 'manager', rate_limit_per_minute: 120 })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Productivity sync', role: 'manager', rate_limit_per_minute: 120, revoked_at: null });
    expect(created.body.key).toMatch(/^ck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);

    const list = await http().get('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    expect(list.body.data).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.data[0]).not.toHaveProperty('key');

    const [row] = await app.get(DataSource).query(`SELECT key_hash FROM api_keys WHERE id = $1`, [created.body.id]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_hash).not.toContain(created.body.key);
  });

  it('authenticates with its role, and stops working when revoked', async () => {
    const admin = await signup(app);
    const { body: key } = await http().post('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'k', role: 'manager' }).expect(201);
    await http().get('/api/v1/audit-logs').set('Authorization', `Bearer ${key.key}`).expect(200);
    // A manager key may not manage users, and no key may use user-only routes.
    await http().post('/api/v1/users').set('Authorization', `Bearer ${key.key}`).send({}).expect(403);
    await http().get('/api/v1/users/me').set('Authorization', `Bearer ${key.key}`).expect(403);
    await http().delete(`/api/v1/api-keys/${key.id}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(204);
    const res = await http().get('/api/v1/audit-logs').set('Authorization', `Bearer ${key.key}`).expect(401);
    expect(res.body.message).toBe('This API key has been revoked');
  });

  it('refuses unknown, tampered and expired keys', async () => {
    const admin = await signup(app);
    const { body: key } = await http().post('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'k', role: 'sales' }).expect(201);
    const tampered = key.key.slice(0, -2) + (key.key.endsWith('AA') ? 'BB' : 'AA');
    await http().get('/api/v1/audit-logs').set('Authorization', `Bearer ${tampered}`).expect(401);
    await http().get('/api/v1/audit-logs').set('Authorization', 'Bearer ck_000000000000_nope').expect(401);
    const soon = new Date(Date.now() + 1500).toISOString();
    const { body: shortLived } = await http().post('/api/v1/api-keys').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'short', role: 'manager', expires_at: soon }).expect(201);
    await http().get('/api/v1/audit-logs').set('Authorization', `Bearer ${shortLived.key}`).expect(200);
    await new Promise((r) => setTimeout(r, 1600));
    const expired = await http().get('/api/v1/audit-logs').set('Authorization', `Bearer ${shortLived.key}`).expect(401);
    expect(expired.body.message).toBe('This API key has expired');
  });

  it('refuses to create a key that is already expired or has a bad role', async () => {
    const admin = await signup(app);
    const res = await http()
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ name: 'k', role: 'owner', expires_at: '2001-01-01T00:00:00Z', rate_limit_per_minute: 0 })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['expires_at', 'rate_limit_per_minute', 'role']);
  });
});
