import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createContact } from '../support/domains/contacts.domain';
import { gdprErase, gdprExport } from '../support/domains/gdpr.domain';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';

/** Who may make GDPR requests, what a bad one answers, and the per-organization hourly limit. */
describe('GDPR requests: access, validation and throttling', () => {
  let app: INestApplication;
  let limited: INestApplication;
  let admin: SignedUp;
  let contactId: string;

  beforeAll(async () => {
    app = await createApiApp();
    limited = await createApiApp({ GDPR_RATE_LIMIT_PER_HOUR: '2' });
    admin = await signup(app, 'Guarded Org');
    contactId = await createContact(app, admin, { first_name: 'Guarded', email: 'guarded@example.test' });
  });
  afterAll(async () => {
    await app.close();
    await limited.close();
  });

  it('refuses every role but admin (403), users and API keys alike, and changes nothing', async () => {
    const manager = await userWithRole(app, admin.accessToken, 'manager');
    const key = await apiKeyWithRole(app, admin.accessToken, 'manager');
    for (const token of [manager.token, key.key]) {
      const exported = await gdprExport(app, token, { subject: 'contact', id: contactId }).expect(403);
      expect(JSON.parse((exported.body as Buffer).toString())).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await gdprErase(app, token, { subject: 'contact', id: contactId }).expect(403);
    }
    await gdprErase(app, '', { subject: 'contact', id: contactId }).expect(401);
    const db = app.get(DataSource);
    expect(await db.query(`SELECT first_name FROM contacts WHERE organization_id = $1 AND id = $2`, [admin.organizationId, contactId])).toEqual([{ first_name: 'Guarded' }]);
  });

  it("answers 404 for another organization's contact or employee, and never shows it", async () => {
    const stranger = await signup(app, 'Stranger Org');
    for (const body of [
      { subject: 'contact', id: contactId },
      { subject: 'employee', id: admin.userId },
    ]) {
      const exported = await gdprExport(app, stranger.accessToken, body).expect(404);
      expect(JSON.parse((exported.body as Buffer).toString())).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const erased = await gdprErase(app, stranger.accessToken, body).expect(404);
      expect(JSON.stringify(erased.body)).not.toContain('Guarded');
    }
    const contact = await app.get(DataSource).query(`SELECT first_name FROM contacts WHERE id = $1`, [contactId]);
    expect(contact).toEqual([{ first_name: 'Guarded' }]);
  });

  it('names each bad field (400)', async () => {
    const res = await gdprErase(app, admin.accessToken, { subject: 'customer', id: 'not-a-uuid', reason: 7 }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['reason', 'subject']);
    const contact = await gdprErase(app, admin.accessToken, { subject: 'contact', id: 'not-a-uuid' }).expect(400);
    expect(contact.body.details).toEqual([{ field: 'id', errors: ['id must be a UUID for a contact'] }]);
    const empty = await gdprErase(app, admin.accessToken, { subject: 'employee', id: '  ' }).expect(400);
    expect(empty.body.details[0].field).toBe('id');
  });

  it('limits each kind of request per organization and hour: 429 with Retry-After, other organizations unaffected', async () => {
    const org = await signup(limited, 'Busy Org');
    const id = await createContact(limited, org, { first_name: 'Often' });
    await gdprExport(limited, org.accessToken, { subject: 'contact', id }).expect(200);
    await gdprExport(limited, org.accessToken, { subject: 'contact', id }).expect(200);
    const refused = await gdprExport(limited, org.accessToken, { subject: 'contact', id }).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(JSON.parse((refused.body as Buffer).toString())).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Erasures are counted apart from exports; another organization has its own budget.
    await gdprErase(limited, org.accessToken, { subject: 'contact', id }).expect(200);
    const other = await signup(limited, 'Quiet Org');
    await gdprExport(limited, other.accessToken, { subject: 'contact', id: await createContact(limited, other) }).expect(200);
    // The refused export wrote no audit row.
    const rows = await limited.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND action = 'gdpr.export'`, [org.organizationId]);
    expect(rows).toEqual([{ n: 2 }]);
  });
});
