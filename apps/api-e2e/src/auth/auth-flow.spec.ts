import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { PASSWORD, signup, uniqueEmail } from '../support/org-fixture';

describe('auth: signup, login, refresh, logout', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(() => app.close());

  it('signs up an organization with its first user as admin', async () => {
    const email = uniqueEmail();
    const res = await http().post('/api/v1/auth/signup').send({ organization_name: 'Acme', name: 'Ada', email, password: PASSWORD }).expect(201);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      user: { email, name: 'Ada', role: 'admin', is_active: true },
      organization: { name: 'Acme' },
    });
    expect(res.body.access_token.split('.')).toHaveLength(3);
    expect(res.body.refresh_token).toMatch(/^rt_/);
    const me = await http().get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('names each bad signup field', async () => {
    const res = await http().post('/api/v1/auth/signup').send({ organization_name: '', name: 'X', email: 'not-an-email', password: 'short' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'organization_name', 'password']);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const first = await signup(app);
    await http()
      .post('/api/v1/auth/signup')
      .send({ organization_name: 'Other', name: 'X', email: first.email.toUpperCase(), password: PASSWORD })
      .expect(409);
  });

  it('logs in, and answers a wrong password and an unknown email with the same 401', async () => {
    const { email } = await signup(app);
    const ok = await http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    expect(ok.body.user.last_login_at).toBeNull();
    const wrong = await http().post('/api/v1/auth/login').send({ email, password: 'wrong password!' }).expect(401);
    const unknown = await http().post('/api/v1/auth/login').send({ email: uniqueEmail(), password: PASSWORD }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Invalid email or password');
  });

  it('audits failed logins of a known user without the password', async () => {
    const admin = await signup(app);
    await http().post('/api/v1/auth/login').send({ email: admin.email, password: 'not the password' }).expect(401);
    const logs = await http().get('/api/v1/audit-logs?action=login_failed').set('Authorization', `Bearer ${admin.accessToken}`).expect(200);
    expect(logs.body.data).toEqual([expect.objectContaining({ action: 'login_failed', actor_type: 'anonymous', object_type: 'user', object_id: admin.userId, changes: { reason: 'bad_password' } })]);
    expect(JSON.stringify(logs.body)).not.toContain('not the password');
  });

  it('rotates refresh tokens: each is single use and the pair works', async () => {
    const { refreshToken } = await signup(app);
    const next = await http().post('/api/v1/auth/refresh').send({ refresh_token: refreshToken }).expect(200);
    expect(next.body.refresh_token).not.toBe(refreshToken);
    await http().get('/api/v1/users/me').set('Authorization', `Bearer ${next.body.access_token}`).expect(200);
    const third = await http().post('/api/v1/auth/refresh').send({ refresh_token: next.body.refresh_token }).expect(200);
    expect(third.body.refresh_token).toMatch(/^rt_/);
  });

  it('revokes the whole family when a spent refresh token is presented again', async () => {
    const { refreshToken } = await signup(app);
    const next = await http().post('/api/v1/auth/refresh').send({ refresh_token: refreshToken }).expect(200);
    await http().post('/api/v1/auth/refresh').send({ refresh_token: refreshToken }).expect(401);
    // The attacker replayed the old token: the legitimate newest token is dead too.
    await http().post('/api/v1/auth/refresh').send({ refresh_token: next.body.refresh_token }).expect(401);
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const { refreshToken } = await signup(app);
    const results = await Promise.all([0, 1, 2].map(() => http().post('/api/v1/auth/refresh').send({ refresh_token: refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('logs out: the refresh token and its family stop working', async () => {
    const { refreshToken } = await signup(app);
    const next = await http().post('/api/v1/auth/refresh').send({ refresh_token: refreshToken }).expect(200);
    await http().post('/api/v1/auth/logout').send({ refresh_token: next.body.refresh_token }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refresh_token: next.body.refresh_token }).expect(401);
    await http().post('/api/v1/auth/logout').send({ refresh_token: 'rt_unknown' }).expect(204);
  });

  it('refuses tokens that are malformed, forged or missing', async () => {
    await http().get('/api/v1/users/me').expect(401);
    await http().get('/api/v1/users/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    const { accessToken } = await signup(app);
    const [h, p] = accessToken.split('.');
    await http().get('/api/v1/users/me').set('Authorization', `Bearer ${h}.${p}.forgedsignature`).expect(401);
    await http().get('/api/v1/users/me').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`).expect(401);
  });

  it('stops a deactivated user at once, access token and refresh token alike', async () => {
    const admin = await signup(app);
    const email = uniqueEmail('sales');
    const created = await http().post('/api/v1/users').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'S', email, password: PASSWORD, role: 'sales' }).expect(201);
    const login = await http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    await http().get('/api/v1/users/me').set('Authorization', `Bearer ${login.body.access_token}`).expect(200); // now known to this process
    await http().patch(`/api/v1/users/${created.body.id}`).set('Authorization', `Bearer ${admin.accessToken}`).send({ is_active: false }).expect(200);
    await http().get('/api/v1/users/me').set('Authorization', `Bearer ${login.body.access_token}`).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refresh_token: login.body.refresh_token }).expect(401);
    await http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(401);
  });

  it('keeps an organization from losing its last admin', async () => {
    const admin = await signup(app);
    const res = await http().patch(`/api/v1/users/${admin.userId}`).set('Authorization', `Bearer ${admin.accessToken}`).send({ role: 'sales' }).expect(400);
    expect(res.body.message).toMatch(/at least one active admin/);
  });
});

describe('auth: SIGNUP_ENABLED=false', () => {
  it('refuses signup with 403', async () => {
    const app = await createApiApp({ SIGNUP_ENABLED: 'false' });
    try {
      const res = await request(app.getHttpServer())
        .post('/api/v1/auth/signup')
        .send({ organization_name: 'Acme', name: 'Ada', email: uniqueEmail(), password: PASSWORD })
        .expect(403);
      expect(res.body.message).toBe('Signup is disabled on this server');
    } finally {
      await app.close();
    }
  });
});
