import { INestApplication } from '@nestjs/common';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { PASSWORD, signup, uniqueEmail } from '../support/org-fixture';

/** No answer of the API may contain a password hash, a refresh-token hash or an API-key hash. */
describe('secrets never leave the database', () => {
  let app: INestApplication;
  const responses: Response[] = [];
  const keep = async (r: Promise<Response> | request.Test) => {
    const res = await r;
    responses.push(res);
    return res;
  };
  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(() => app.close());

  it('in any response of the auth, user, key and audit routes', async () => {
    const http = () => request(app.getHttpServer());
    const admin = await signup(app);
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const email = uniqueEmail();
    const user = await keep(http().post('/api/v1/users').set(auth).send({ name: 'U', email, password: PASSWORD, role: 'sales' }));
    const login = await keep(http().post('/api/v1/auth/login').send({ email, password: PASSWORD }));
    await keep(http().post('/api/v1/auth/refresh').send({ refresh_token: login.body.refresh_token }));
    await keep(http().post('/api/v1/auth/refresh').send({ refresh_token: login.body.refresh_token }));
    await keep(http().patch(`/api/v1/users/${user.body.id}`).set(auth).send({ role: 'manager' }));
    await keep(http().get(`/api/v1/users/${user.body.id}`).set(auth));
    await keep(http().get('/api/v1/users').set(auth));
    await keep(http().get('/api/v1/users/me').set(auth));
    const key = await keep(http().post('/api/v1/api-keys').set(auth).send({ name: 'k', role: 'manager' }));
    await keep(http().get('/api/v1/api-keys').set(auth));
    await keep(http().get('/api/v1/audit-logs?limit=200').set(auth));
    await keep(http().get('/api/v1/audit-logs').set('Authorization', `Bearer ${key.body.key}`));
    const usersCsv = await keep(http().get('/api/v1/users?format=csv').set(auth));
    const auditCsv = await keep(http().get('/api/v1/audit-logs?format=csv').set(auth));
    expect(usersCsv.headers['content-type']).toMatch(/^text\/csv/);
    expect(usersCsv.text.split('\n')[0]).toBe('id,name,email,role,linked_employee_id,is_active,last_login_at,created_at,updated_at');
    expect(usersCsv.text).toContain(email);
    expect(auditCsv.text).toMatch(/role_change/);

    const db = app.get(DataSource);
    const org = admin.organizationId;
    const hashes: string[] = [
      ...(await db.query(`SELECT password_hash AS h FROM users WHERE organization_id = $1`, [org])),
      ...(await db.query(`SELECT token_hash AS h FROM refresh_tokens WHERE organization_id = $1`, [org])),
      ...(await db.query(`SELECT key_hash AS h FROM api_keys WHERE organization_id = $1`, [org])),
    ].map((r: { h: string }) => r.h);
    expect(hashes.length).toBeGreaterThanOrEqual(6);
    expect(responses.length).toBe(14);
    for (const res of responses) {
      expect(res.status).toBeLessThan(500);
      for (const hash of hashes) expect(res.text).not.toContain(hash);
      expect(res.text).not.toMatch(/\$argon2|password_hash|passwordHash|token_hash|tokenHash|key_hash|keyHash/);
      expect(res.text).not.toContain(PASSWORD);
    }
  });
});
