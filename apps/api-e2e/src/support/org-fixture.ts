import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';

export const PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (tag = 'user') => `${tag}-${randomBytes(5).toString('hex')}@clockwork.test`;

export interface SignedUp {
  organizationId: string;
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs up a new organization through the API; returns its admin's credentials. */
export async function signup(app: INestApplication, name = 'Test Org'): Promise<SignedUp> {
  const email = uniqueEmail('admin');
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/signup')
    .send({ organization_name: name, name: 'Admin', email, password: PASSWORD })
    .expect(201);
  return {
    organizationId: res.body.organization.id,
    userId: res.body.user.id,
    email,
    accessToken: res.body.access_token,
    refreshToken: res.body.refresh_token,
  };
}

/** Creates a user with a role (as the given admin) and signs it in; returns its access token. */
export async function userWithRole(app: INestApplication, adminToken: string, role: string): Promise<{ id: string; token: string; email: string }> {
  const email = uniqueEmail(role);
  const created = await request(app.getHttpServer())
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ name: `A ${role}`, email, password: PASSWORD, role })
    .expect(201);
  const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return { id: created.body.id, token: login.body.access_token, email };
}

/** A signed-in user of an organization, as `userWithRole` answers it. */
export type Member = { id: string; token: string; email: string };

/**
 * Users of `admin`'s organization made and signed in one after another, keyed as `roles` names
 * them (e.g. `{ sales: 'sales', otherSales: 'sales', support: 'support' }`).
 */
export async function members<K extends string>(app: INestApplication, adminToken: string, roles: Record<K, string>): Promise<Record<K, Member>> {
  const out = {} as Record<K, Member>;
  for (const key of Object.keys(roles) as K[]) out[key] = await userWithRole(app, adminToken, roles[key]);
  return out;
}

/** Creates an API key with a role (as the given admin); returns the key. */
export async function apiKeyWithRole(app: INestApplication, adminToken: string, role: string, extra: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/api-keys')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ name: `${role} key`, role, ...extra })
    .expect(201);
  return { id: res.body.id, key: res.body.key };
}
