import { INestApplication } from '@nestjs/common';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { createApiApp } from '../support/api-app';
import { PASSWORD, signup, uniqueEmail } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';

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

  it('integration signing secrets: shown only by creation and rotation, ciphertext in the table, never in audit rows or events', async () => {
    const http = () => request(app.getHttpServer());
    const admin = await signup(app);
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const created = await http().post('/api/v1/integrations').set(auth).send({ provider: 'productivity', name: 'Tracker' }).expect(201);
    const id = created.body.id;
    const rotated = await http().post(`/api/v1/integrations/${id}/rotate-secret`).set(auth).send({ grace_period_hours: 1 }).expect(200);
    const secrets = [created.body.signing_secret as string, rotated.body.signing_secret as string];
    // The key bytes too (the part after whsec_), so no other encoding of the secret slips through.
    const needles = [...secrets, ...secrets.map((s) => s.slice('whsec_'.length))];
    const body = JSON.stringify({ type: 'time_entry.created', data: { start_time: '2026-03-02T09:00:00Z', end_time: '2026-03-02T10:00:00Z', activity_type: 'app', productivity_score: 0.5, source: 'agent' } });
    const at = new Date();
    const signed = await http()
      .post(`/api/v1/webhooks/crm-event/${id}`)
      .set({ 'content-type': 'application/json', 'webhook-id': 'msg_leak', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secrets[0]).sign('msg_leak', at, body) })
      .send(body);
    expect(signed.status).toBe(200);
    const later = [
      signed,
      await http().get(`/api/v1/integrations/${id}`).set(auth),
      await http().get('/api/v1/integrations').set(auth),
      await http().get('/api/v1/integrations?format=csv').set(auth),
      await http().patch(`/api/v1/integrations/${id}`).set(auth).send({ name: 'Renamed' }),
      await http().get('/api/v1/audit-logs?limit=200').set(auth),
      await http().get('/api/v1/audit-logs?format=csv').set(auth),
    ];
    const db = app.get(DataSource);
    const org = admin.organizationId;
    const stored = [
      ...(await db.query(`SELECT changes::text AS t FROM audit_logs WHERE organization_id = $1`, [org])),
      // Event payloads are stored encrypted: opened, the plain JSON is what must not hold the secret.
      ...openPayloads(app, await db.query(`SELECT organization_id, id, payload FROM outbox_events WHERE organization_id = $1`, [org])).map((e) => ({ t: JSON.stringify(e.payload) })),
      ...(await db.query(`SELECT signing_secret AS t FROM integrations WHERE organization_id = $1`, [org])),
      ...(await db.query(`SELECT previous_signing_secret AS t FROM integrations WHERE organization_id = $1`, [org])),
    ].map((r: { t: string }) => r.t);
    expect(stored.filter((t) => t.startsWith('enc:v1:'))).toHaveLength(2);
    expect((await db.query(`SELECT action FROM audit_logs WHERE organization_id = $1 AND object_id = $2 ORDER BY created_at, id`, [org, id])).map((r: { action: string }) => r.action)).toEqual(['create', 'rotate_secret', 'update']);
    for (const res of later) {
      expect(res.status).toBeLessThan(300);
      for (const needle of needles) expect(res.text).not.toContain(needle);
      expect(res.text).not.toContain('signing_secret');
    }
    for (const text of stored) for (const needle of needles) expect(text).not.toContain(needle);
  });

  it('webhook subscription secrets: shown only by creation and rotation, ciphertext in the table, never in lists, logs or audit rows', async () => {
    const http = () => request(app.getHttpServer());
    const admin = await signup(app);
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const base = '/api/v1/webhooks/subscriptions';
    const created = await http().post(base).set(auth).send({ url: 'https://93.184.215.14/hooks', events: ['invoice.issued'], enabled: false }).expect(201);
    const id = created.body.id;
    const rotated = await http().post(`${base}/${id}/rotate-secret`).set(auth).expect(200);
    const secrets = [created.body.secret as string, rotated.body.secret as string];
    expect(secrets.every((s) => /^whsec_/.test(s))).toBe(true);
    const needles = [...secrets, ...secrets.map((s) => s.slice('whsec_'.length))];
    const later = [
      await http().get(`${base}/${id}`).set(auth),
      await http().get(base).set(auth),
      await http().get(`${base}?format=csv`).set(auth),
      await http().patch(`${base}/${id}`).set(auth).send({ description: 'Renamed' }),
      await http().get(`${base}/${id}/deliveries`).set(auth),
      await http().get('/api/v1/audit-logs?limit=200').set(auth),
      await http().get('/api/v1/audit-logs?format=csv').set(auth),
    ];
    const db = app.get(DataSource);
    const org = admin.organizationId;
    const ciphertexts = (await db.query(`SELECT secret, previous_secret FROM webhook_subscriptions WHERE organization_id = $1`, [org])).flatMap((r: { secret: string; previous_secret: string }) => [r.secret, r.previous_secret]);
    expect(ciphertexts.every((t: string) => t.startsWith('enc:v1:'))).toBe(true);
    const audit = (await db.query(`SELECT changes::text AS t FROM audit_logs WHERE organization_id = $1`, [org])).map((r: { t: string }) => r.t);
    expect((await db.query(`SELECT action FROM audit_logs WHERE organization_id = $1 AND object_id = $2 ORDER BY created_at, id`, [org, id])).map((r: { action: string }) => r.action)).toEqual(['create', 'rotate_secret', 'update']);
    for (const res of later) {
      expect(res.status).toBeLessThan(300);
      for (const needle of [...needles, ...ciphertexts]) expect(res.text).not.toContain(needle);
      expect(res.text).not.toMatch(/"secret"|whsec_/);
    }
    for (const text of audit) for (const needle of [...needles, ...ciphertexts]) expect(text).not.toContain(needle);
  });
});
