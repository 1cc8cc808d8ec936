import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { PASSWORD, signup, SignedUp, uniqueEmail, userWithRole } from '../support/org-fixture';
import { readPermissions } from '../support/permissions-table';

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  changes: Record<string, unknown>;
}

type Expected = Partial<Omit<AuditRow, 'changes'>> & { changes?: Record<string, unknown> };

interface Mutation<S = Record<string, string>> {
  /** Calls that prepare the measured one (their own audit rows are not counted). */
  setup?: (app: INestApplication, admin: SignedUp) => Promise<S>;
  /** The one call being measured; returns the organization it writes to (default: admin's). */
  call: (app: INestApplication, admin: SignedUp, s: S) => Promise<{ organizationId?: string; expected: Expected }>;
}

const http = (app: INestApplication) => request(app.getHttpServer());
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const login = async (app: INestApplication, admin: SignedUp) => ({
  refresh: (await http(app).post('/api/v1/auth/login').send({ email: admin.email, password: PASSWORD }).expect(200)).body.refresh_token as string,
});

/** One real call per mutating route and the audit row it must leave. */
const MUTATIONS: Record<string, Mutation> = {
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
  'POST /api/v1/users': {
    call: async (app, admin) => {
      const email = uniqueEmail('new');
      const res = await http(app).post('/api/v1/users').set(bearer(admin.accessToken)).send({ name: 'New', email, password: PASSWORD, role: 'support', linked_employee_id: 'emp-42' }).expect(201);
      return {
        expected: {
          action: 'create',
          object_type: 'user',
          object_id: res.body.id,
          actor_id: admin.userId,
          changes: { name: { from: null, to: 'New' }, email: { from: null, to: email }, role: { from: null, to: 'support' }, linked_employee_id: { from: null, to: 'emp-42' }, is_active: { from: null, to: true } },
        },
      };
    },
  },
  'PATCH /api/v1/users/{id}': {
    setup: async (app, admin) => ({ id: (await userWithRole(app, admin.accessToken, 'sales')).id }),
    call: async (app, admin, s) => {
      await http(app).patch(`/api/v1/users/${s.id}`).set(bearer(admin.accessToken)).send({ role: 'manager', name: 'Promoted' }).expect(200);
      return { expected: { action: 'role_change', object_type: 'user', object_id: s.id, actor_id: admin.userId, changes: { role: { from: 'sales', to: 'manager' }, name: { from: 'A sales', to: 'Promoted' } } } };
    },
  },
  'POST /api/v1/api-keys': {
    call: async (app, admin) => {
      const res = await http(app).post('/api/v1/api-keys').set(bearer(admin.accessToken)).send({ name: 'Audited key', role: 'sales' }).expect(201);
      return { expected: { action: 'create', object_type: 'api_key', object_id: res.body.id, actor_id: admin.userId, changes: { name: { from: null, to: 'Audited key' }, role: { from: null, to: 'sales' } } } };
    },
  },
  'DELETE /api/v1/api-keys/{id}': {
    setup: async (app, admin) => ({ id: (await http(app).post('/api/v1/api-keys').set(bearer(admin.accessToken)).send({ name: 'To revoke', role: 'sales' }).expect(201)).body.id }),
    call: async (app, admin, s) => {
      await http(app).delete(`/api/v1/api-keys/${s.id}`).set(bearer(admin.accessToken)).expect(204);
      return { expected: { action: 'revoke', object_type: 'api_key', object_id: s.id, actor_id: admin.userId, changes: { revoked_at: { from: null } } } };
    },
  },
};

/**
 * Every mutating route (from docs/permissions.md, itself checked against the app) leaves
 * exactly one audit row for its call, written in the same transaction, with the right diff.
 */
describe('audit trail of every mutating route', () => {
  let app: INestApplication;
  let db: DataSource;
  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const rowsOf = (organizationId: string): Promise<AuditRow[]> =>
    db.query(`SELECT id, actor_id, action, object_type, object_id, changes FROM audit_logs WHERE organization_id = $1 ORDER BY created_at, id`, [organizationId]);

  it('has a case for every mutating route', () => {
    const mutating = readPermissions().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(MUTATIONS).sort()).toEqual(mutating.sort());
  });

  for (const [route, mutation] of Object.entries(MUTATIONS)) {
    it(`${route} leaves exactly one audit row with its diff`, async () => {
      const admin = await signup(app, `Audit ${route}`);
      const state = (await mutation.setup?.(app, admin)) ?? {};
      const seen = new Set((await rowsOf(admin.organizationId)).map((r) => r.id));
      const { organizationId = admin.organizationId, expected } = await mutation.call(app, admin, state);
      const added = (await rowsOf(organizationId)).filter((r) => !seen.has(r.id));
      expect(added).toHaveLength(1);
      const { changes, ...fields } = expected;
      expect(added[0]).toMatchObject(fields);
      if (changes) expect(added[0].changes).toMatchObject(changes);
      expect(JSON.stringify(added[0].changes)).not.toMatch(/\$argon2|password|_hash|rt_|ck_[0-9a-f]{12}_/);
    });
  }
});
