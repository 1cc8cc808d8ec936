import { PASSWORD, SignedUp, uniqueEmail } from '../org-fixture';
import { http, type DomainFixture } from './domain-fixture';
import { storedInvitation, storedPendingSignup, storedResetToken } from '../account-links';
import { INestApplication } from '@nestjs/common';

const login = async (app: INestApplication, admin: SignedUp) => ({
  refresh: (await http(app).post('/api/v1/auth/login').send({ email: admin.email, password: PASSWORD }).expect(200)).body.refresh_token as string,
});

const NEW_PASSWORD = 'plum orbit lantern gravel 93';

const fixture: DomainFixture = {
  resource: 'auth',
  unaudited: {
    'POST /api/v1/auth/password-reset':
      'answers 202 before the address is looked up (no enumeration by timing); the request is audited as password_reset_request in the user\'s organization when processed (auth/account-lifecycle.spec.ts)',
  },
  audit: {
    'POST /api/v1/auth/password': {
      call: async (app, admin) => {
        await http(app).post('/api/v1/auth/password').set('Authorization', `Bearer ${admin.accessToken}`).send({ current_password: PASSWORD, new_password: NEW_PASSWORD }).expect(204);
        return { expected: { action: 'password_change', object_type: 'user', object_id: admin.userId, actor_id: admin.userId, changes: { revoked_tokens: 0 } } };
      },
    },
    'POST /api/v1/auth/password-reset/confirm': {
      setup: async (app, admin) => ({ token: await storedResetToken(app, admin.organizationId, admin.userId) }),
      call: async (app, admin, s) => {
        await http(app).post('/api/v1/auth/password-reset/confirm').send({ token: s.token, new_password: NEW_PASSWORD }).expect(204);
        return { expected: { action: 'password_reset', object_type: 'user', object_id: admin.userId, actor_id: admin.userId, changes: { revoked_tokens: 1 } } };
      },
    },
    'POST /api/v1/auth/verify-email': {
      setup: async (app) => storedPendingSignup(app, uniqueEmail('pending')),
      call: async (app, _admin, s) => {
        const res = await http(app).post('/api/v1/auth/verify-email').send({ token: s.token }).expect(200);
        return { organizationId: s.organizationId, expected: { action: 'signup', object_type: 'organization', object_id: s.organizationId, actor_id: res.body.user.id, changes: { email_verified: true } } };
      },
    },
    'POST /api/v1/auth/invitations/accept': {
      setup: async (app, admin) => storedInvitation(app, admin.organizationId, uniqueEmail('invited')),
      call: async (app, _admin, s) => {
        const res = await http(app).post('/api/v1/auth/invitations/accept').send({ token: s.token, password: NEW_PASSWORD }).expect(200);
        return { expected: { action: 'invitation_accept', object_type: 'user', object_id: res.body.user.id, actor_id: res.body.user.id, changes: { role: { from: null, to: 'sales' }, invitation_id: s.id } } };
      },
    },
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
