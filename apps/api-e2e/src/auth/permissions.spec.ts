import { ROLES } from '@clockwork/shared-dto';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { domainOf } from '../support/domains';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';
import { allows, Caller, readPermissions, RouteRule } from '../support/permissions-table';

/**
 * Generated from docs/permissions.md: every route of the app, called as every kind of caller,
 * answers as the table says; every route that takes an id answers 404 for another
 * organization's record and never shows its data.
 */
describe('permissions matrix (docs/permissions.md)', () => {
  const api = apiWithOrg('Matrix Org');
  const rules = readPermissions();
  const credentials = new Map<Caller, string | undefined>();
  let stranger: SignedUp;
  /** One record per resource in each organization, made on first use. */
  const records = new Map<string, string>();
  const recordOf = async (org: SignedUp, path: string): Promise<string> => {
    const domain = domainOf(path);
    const key = `${org.organizationId}:${domain.resource}`;
    if (!records.has(key)) {
      if (!domain.create) throw new Error(`support/domains/${domain.resource}.domain.ts has no create()`);
      records.set(key, await domain.create(api.app, org));
    }
    return records.get(key) as string;
  };

  beforeAll(async () => {
    credentials.set('anonymous', undefined);
    credentials.set('admin', api.admin.accessToken);
    for (const role of ROLES.filter((r) => r !== 'admin')) credentials.set(role, (await userWithRole(api.app, api.admin.accessToken, role)).token);
    for (const role of ROLES) credentials.set(`api_key:${role}`, (await apiKeyWithRole(api.app, api.admin.accessToken, role)).key);
    stranger = await signup(api.app, 'Stranger Org');
  });

  const url = async (rule: RouteRule, org = api.admin) => (rule.path.includes('{id}') ? rule.path.replace('{id}', await recordOf(org, rule.path)) : rule.path);

  /** A body that any allowed caller gets a 400 for (unknown field), so the walk changes nothing. */
  const call = (rule: RouteRule, token: string | undefined, path: string, body: object = { __probe: true }) => {
    let req = request(api.app.getHttpServer())[rule.method.toLowerCase() as 'get'](path);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    return ['POST', 'PUT', 'PATCH'].includes(rule.method) ? req.send(body) : req;
  };

  it('lists exactly the routes the app serves', async () => {
    const doc = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    const served = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(rules.map((r) => `${r.method} ${r.path}`).sort()).toEqual(served.sort());
  });

  const callers: Caller[] = ['anonymous', ...ROLES, ...ROLES.map((r) => `api_key:${r}` as Caller)];
  for (const rule of readPermissions()) {
    it(`${rule.method} ${rule.path}: answers each caller as the table says`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const caller of callers) {
        const res = await call(rule, credentials.get(caller), await url(rule));
        const refused = res.status === 401 || res.status === 403;
        outcomes.push(`${caller}: ${refused ? `refused ${res.status}` : 'allowed'}`);
        expected.push(`${caller}: ${allows(rule, caller) ? 'allowed' : `refused ${caller === 'anonymous' ? 401 : 403}`}`);
        expect(res.status).toBeLessThan(500);
      }
      expect(outcomes).toEqual(expected);
    });

    const ownOnly = ROLES.filter((r) => rule.own[r]);
    if (ownOnly.length > 0 && rule.method === 'GET') {
      // The record is the admin's: for an `own` role (and an API key of it, which owns nothing) it is someone else's.
      it(`${rule.method} ${rule.path}: ${ownOnly.join(', ')} (and their API keys) get only their own records`, async () => {
        const id = await recordOf(api.admin, rule.path.includes('{id}') ? rule.path : `${rule.path}/{id}`);
        for (const caller of ownOnly.flatMap((r) => [r, ...(rule.apiKeys ? [`api_key:${r}` as Caller] : [])])) {
          const res = await call(rule, credentials.get(caller), await url(rule));
          if (rule.path.includes('{id}')) {
            expect({ caller, status: res.status }).toEqual({ caller, status: 404 });
          } else {
            expect({ caller, status: res.status }).toEqual({ caller, status: 200 });
            expect({ caller, ids: (res.body.data as { id: string }[]).map((r) => r.id) }).toEqual({ caller, ids: expect.not.arrayContaining([id]) });
          }
        }
        // Whoever sees every record gets it.
        const full = await call(rule, api.admin.accessToken, await url(rule)).expect(200);
        expect(JSON.stringify(full.body)).toContain(id);
      });
    }

    if (rule.path.includes('{id}') && !rule.anonymous) {
      it(`${rule.method} ${rule.path}: another organization's record is 404 and never shown`, async () => {
        const caller = (['admin', ...ROLES] as Caller[]).find((c) => allows(rule, c)) as Caller;
        const body = domainOf(rule.path).bodies?.[`${rule.method} ${rule.path}`] ?? {};
        const path = await url(rule, stranger);
        const res = await call(rule, credentials.get(caller), path, body);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
        expect(JSON.stringify(res.body)).not.toContain(stranger.email);
        expect(JSON.stringify(res.body)).not.toContain(stranger.organizationId);
        // The stranger's record is untouched.
        const own = await request(api.app.getHttpServer()).get(`/api/v1/users/${stranger.userId}`).set('Authorization', `Bearer ${stranger.accessToken}`).expect(200);
        expect(own.body.name).toBe('Admin');
      });
    }
  }
});
