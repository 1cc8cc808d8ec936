import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { DOMAINS } from '../support/domains';
import { signup } from '../support/org-fixture';
import { readPermissions } from '../support/permissions-table';

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  changes: Record<string, unknown>;
}

/**
 * Every mutating route (from docs/permissions.md, itself checked against the app) leaves
 * exactly one audit row for its call, written in the same transaction, with the right diff.
 * The cases live with each domain's fixture in support/domains.
 */
describe('audit trail of every mutating route', () => {
  let app: INestApplication;
  let db: DataSource;
  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  const cases = Object.fromEntries(DOMAINS.flatMap((d) => Object.entries(d.audit)));
  const rowsOf = (organizationId: string): Promise<AuditRow[]> =>
    db.query(`SELECT id, actor_id, action, object_type, object_id, changes FROM audit_logs WHERE organization_id = $1 ORDER BY created_at, id`, [organizationId]);

  it('has a case for every mutating route', () => {
    const mutating = readPermissions().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    const unaudited = DOMAINS.flatMap((d) => Object.keys(d.unaudited ?? {}));
    expect([...Object.keys(cases), ...unaudited].sort()).toEqual(mutating.sort());
  });

  for (const [route, auditCase] of Object.entries(cases)) {
    it(`${route} leaves exactly one audit row with its diff`, async () => {
      const admin = await signup(app, `Audit ${route}`);
      const state = (await auditCase.setup?.(app, admin)) ?? {};
      const seen = new Set((await rowsOf(admin.organizationId)).map((r) => r.id));
      const { organizationId = admin.organizationId, expected } = await auditCase.call(app, admin, state);
      const added = (await rowsOf(organizationId)).filter((r) => !seen.has(r.id));
      expect(added).toHaveLength(1);
      const { changes, ...fields } = expected;
      expect(added[0]).toMatchObject(fields);
      if (changes) expect(added[0].changes).toMatchObject(changes);
      expect(JSON.stringify(added[0].changes)).not.toMatch(/\$argon2|password|_hash|\brt_|ck_[0-9a-f]{12}_/);
    });
  }
});
