import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup, userWithRole } from '../support/org-fixture';
import { waitFor } from '../support/wait-for';

/**
 * Two api processes share PostgreSQL (as replicas do); each keeps the principals it has seen.
 * A role change or deactivation, made through the other replica or straight in SQL, must take
 * effect on the first at once, not when its cache entry expires (PRINCIPAL_CACHE_SECONDS=300).
 */
describe('auth: principal cache across replicas', () => {
  let a: INestApplication;
  let b: INestApplication;
  let db: DataSource;
  beforeAll(async () => {
    [a, b] = await Promise.all([createApiApp({ PRINCIPAL_CACHE_SECONDS: '300' }), createApiApp({ PRINCIPAL_CACHE_SECONDS: '300' })]);
    db = a.get(DataSource);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const status = (app: INestApplication, token: string) =>
    request(app.getHttpServer()).get('/api/v1/users').set('Authorization', `Bearer ${token}`).then((r) => r.status);

  it('applies a role change made through the other replica at once', async () => {
    const admin = await signup(a);
    const manager = await userWithRole(a, admin.accessToken, 'manager');
    expect(await status(b, manager.token)).toBe(200); // cached on b as a manager
    await request(a.getHttpServer()).patch(`/api/v1/users/${manager.id}`).set('Authorization', `Bearer ${admin.accessToken}`).send({ role: 'support' }).expect(200);
    // b hears of it from PostgreSQL (LISTEN principal_changed); allow the notice its trip.
    await waitFor('b to see the support role', async () => (await status(b, manager.token)) === 403, 2000, 20);
    // and a, which made the change, refuses at once without waiting for any notice
    expect(await status(a, manager.token)).toBe(403);
  });

  it('applies a deactivation written straight in SQL, and a deletion', async () => {
    const admin = await signup(a);
    const sales = await userWithRole(a, admin.accessToken, 'sales');
    const me = (app: INestApplication, token: string) =>
      request(app.getHttpServer()).get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).then((r) => r.status);
    expect(await me(a, sales.token)).toBe(200);
    expect(await me(b, sales.token)).toBe(200);
    await db.query(`UPDATE users SET is_active = false WHERE organization_id = $1 AND id = $2`, [admin.organizationId, sales.id]);
    await waitFor('a to refuse the deactivated user', async () => (await me(a, sales.token)) === 401, 2000, 20);
    await waitFor('b to refuse the deactivated user', async () => (await me(b, sales.token)) === 401, 2000, 20);

    const other = await userWithRole(a, admin.accessToken, 'sales');
    expect(await me(b, other.token)).toBe(200);
    await db.query(`DELETE FROM users WHERE organization_id = $1 AND id = $2`, [admin.organizationId, other.id]);
    await waitFor('b to refuse the deleted user', async () => (await me(b, other.token)) === 401, 2000, 20);
  });
});
