import request from 'supertest';
import { PASSWORD, SignedUp, uniqueEmail } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';
import { INestApplication } from '@nestjs/common';

const http = (app: INestApplication) => request(app.getHttpServer());
const login = async (app: INestApplication, admin: SignedUp) => ({
  refresh: (await http(app).post('/api/v1/auth/login').send({ email: admin.email, password: PASSWORD }).expect(200)).body.refresh_token as string,
});

const fixture: DomainFixture = {
  resource: 'auth',
  audit: {
    'POST /api/v1/auth/signup': {
      call: async (app) => {
        const res = await http(app).post('/api/v1/auth/signup').send({ organization_name: 'Audited', name: 'N', email: uniqueEmail(), password: PASSWORD }).expect(201);
        const org = res.body.organization.id;
        return { organizationId: org, expected: { action: 'signup', object_type: 'organization', object_id: org, actor_id: res.body.user.id, changes: { name: { from: null, to: 'Audited' } } } };
      },
    },
    'POST /api/v1/auth/login': {
      call: async (app, admin) => {
        await http(app).post('/api/v1/auth/login').send({ email: admin.email, password: PASSWORD }).expect(200);
        return { expected: { action: 'login', object_type: 'user', object_id: admin.userId, actor_id: admin.userId } };
      },
    },
    'POST /api/v1/auth/refresh': {
      setup: login,
      call: async (app, admin, s) => {
        await http(app).post('/api/v1/auth/refresh').send({ refresh_token: s.refresh }).expect(200);
        return { expected: { action: 'token_refresh', object_type: 'session', actor_id: admin.userId } };
      },
    },
    'POST /api/v1/auth/logout': {
      setup: login,
      call: async (app, admin, s) => {
        await http(app).post('/api/v1/auth/logout').send({ refresh_token: s.refresh }).expect(204);
        return { expected: { action: 'logout', object_type: 'session', actor_id: admin.userId, changes: { revoked_tokens: 1 } } };
      },
    },
  },
};
export default fixture;
