import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createIntegration, sendCrmEvent } from '../support/domains/integrations.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';

describe('integrations', () => {
  const api = apiWithOrg('Integrations Org');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const entriesOf = async (org: SignedUp) => Number((await api.db.query(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1`, [org.organizationId]))[0].n);
  const event = (externalId: string) => ({ type: 'time_entry.created', data: timeEntryBody({ external_id: externalId }) });


  it('creates an integration with a whsec_ secret shown once and stored only as ciphertext', async () => {
    const created = await http().post('/api/v1/integrations').set(as(api.admin.accessToken)).send({ provider: 'productivity', name: ' Tracker ', base_url: 'https://93.184.215.14/api' }).expect(201);
    const { id, signing_secret: secret } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(created.body).toMatchObject({ provider: 'productivity', name: 'Tracker', base_url: 'https://93.184.215.14/api', enabled: true, webhook_url: `/api/v1/webhooks/crm-event/${id}`, version: 1, last_event_at: null });

    const [row] = await api.db.query(`SELECT signing_secret FROM integrations WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, id]);
    expect(row.signing_secret).toMatch(/^enc:v1:/);
    expect(row.signing_secret).not.toContain(secret);
    expect(row.signing_secret).not.toContain(secret.slice(6));

    const manager = await userWithRole(api.app, api.admin.accessToken, 'manager');
    const got = await http().get(`/api/v1/integrations/${id}`).set(as(manager.token)).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).not.toHaveProperty('signing_secret');
    const list = await http().get('/api/v1/integrations').set(as(manager.token)).expect(200);
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));
    const csv = await http().get('/api/v1/integrations?format=csv').set(as(api.admin.accessToken)).expect(200);
    expect(csv.text.split('\n')[0]).toBe('id,provider,name,base_url,enabled,webhook_url,previous_secret_expires_at,last_event_at,created_at,updated_at');
    expect(csv.text).not.toContain(secret.slice(6));
  });

  it('answers 400 naming each bad field, and refuses private or malformed base_url', async () => {
    const bad = await http().post('/api/v1/integrations').set(as(api.admin.accessToken)).send({ provider: 'jira', name: '', base_url: 'ftp://x.test', extra: 1 }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['base_url', 'extra', 'name', 'provider']);
    const loopback = await http().post('/api/v1/integrations').set(as(api.admin.accessToken)).send({ provider: 'productivity', name: 'x', base_url: 'http://127.0.0.1:8080' }).expect(400);
    expect(loopback.body.details).toEqual([{ field: 'base_url', errors: [expect.stringContaining('not a public address')] }]);
    const metadata = await http().post('/api/v1/integrations').set(as(api.admin.accessToken)).send({ provider: 'productivity', name: 'x', base_url: 'http://169.254.169.254/latest' }).expect(400);
    expect(metadata.body.details[0].field).toBe('base_url');
    expect(Number((await api.db.query(`SELECT count(*) AS n FROM integrations WHERE organization_id = $1 AND name = 'x'`, [api.admin.organizationId]))[0].n)).toBe(0);
  });

  it('patches with If-Match; a disabled integration\'s webhooks are refused', async () => {
    const { id, signing_secret: secret } = await createIntegration(api.app, api.admin, { name: 'Patchable' });
    await http().patch(`/api/v1/integrations/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"7"').send({ enabled: false }).expect(412);
    const patched = await http().patch(`/api/v1/integrations/${id}`).set(as(api.admin.accessToken)).set('If-Match', '"1"').send({ enabled: false, base_url: null }).expect(200);
    expect(patched.body).toMatchObject({ enabled: false, version: 2 });
    await http().patch(`/api/v1/integrations/${id}`).set(as(api.admin.accessToken)).send({ base_url: 'http://10.0.0.5' }).expect(400);
    const before = await entriesOf(api.admin);
    const refused = await sendCrmEvent(api.app, id, secret, event('disabled-1')).expect(401);
    expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Unknown or disabled integration' });
    await http().patch(`/api/v1/integrations/${id}`).set(as(api.admin.accessToken)).send({ enabled: true }).expect(200);
    await sendCrmEvent(api.app, id, secret, event('disabled-1')).expect(200);
    expect(await entriesOf(api.admin)).toBe(before + 1);
    const seen = await http().get(`/api/v1/integrations/${id}`).set(as(api.admin.accessToken)).expect(200);
    expect(seen.body.last_event_at).not.toBeNull();
  });

  it('rotates: the old secret is accepted during the grace period and refused after it; the new one works', async () => {
    const { id, signing_secret: old } = await createIntegration(api.app, api.admin, { name: 'Rotating' });
    const rotated = await http().post(`/api/v1/integrations/${id}/rotate-secret`).set(as(api.admin.accessToken)).send({ grace_period_hours: 1 }).expect(200);
    const fresh = rotated.body.signing_secret;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(old);
    expect(Date.parse(rotated.body.previous_secret_expires_at) - Date.now()).toBeGreaterThan(3500_000);
    const [row] = await api.db.query(`SELECT signing_secret, previous_signing_secret FROM integrations WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, id]);
    expect(row.previous_signing_secret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(old.slice(6));
    expect(JSON.stringify(row)).not.toContain(fresh.slice(6));

    await sendCrmEvent(api.app, id, old, event('rot-old')).expect(200);
    await sendCrmEvent(api.app, id, fresh, event('rot-new')).expect(200);
    // The grace period ends.
    await api.db.query(`UPDATE integrations SET previous_secret_expires_at = now() - interval '1 second' WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, id]);
    const before = await entriesOf(api.admin);
    await sendCrmEvent(api.app, id, old, event('rot-old-late')).expect(401);
    expect(await entriesOf(api.admin)).toBe(before);
    await sendCrmEvent(api.app, id, fresh, event('rot-new-2')).expect(200);

    // grace_period_hours 0: the old secret is refused at once; no body takes the default (24 h).
    const zero = await http().post(`/api/v1/integrations/${id}/rotate-secret`).set(as(api.admin.accessToken)).send({ grace_period_hours: 0 }).expect(200);
    expect(zero.body.previous_secret_expires_at).toBeNull();
    await sendCrmEvent(api.app, id, fresh, event('rot-zero')).expect(401);
    await sendCrmEvent(api.app, id, zero.body.signing_secret, event('rot-zero')).expect(200);
    const byDefault = await http().post(`/api/v1/integrations/${id}/rotate-secret`).set(as(api.admin.accessToken)).expect(200);
    expect(Math.round((Date.parse(byDefault.body.previous_secret_expires_at) - Date.now()) / 3600_000)).toBe(24);
    await http().post(`/api/v1/integrations/${id}/rotate-secret`).set(as(api.admin.accessToken)).send({ grace_period_hours: -1 }).expect(400);
  });

  it('refuses another organization\'s integration id with this organization\'s secret, and deleted integrations', async () => {
    const mine = await createIntegration(api.app, api.admin, { name: 'Mine' });
    const stranger = await signup(api.app, 'Stranger Org');
    const theirs = await createIntegration(api.app, stranger, { name: 'Theirs' });
    const before = [await entriesOf(api.admin), await entriesOf(stranger)];
    await sendCrmEvent(api.app, theirs.id, mine.signing_secret, event('cross-1')).expect(401);
    await http().get(`/api/v1/integrations/${theirs.id}`).set(as(api.admin.accessToken)).expect(404);
    await http().delete(`/api/v1/integrations/${mine.id}`).set(as(api.admin.accessToken)).expect(204);
    await sendCrmEvent(api.app, mine.id, mine.signing_secret, event('deleted-1')).expect(401);
    expect([await entriesOf(api.admin), await entriesOf(stranger)]).toEqual(before);
  });
});
