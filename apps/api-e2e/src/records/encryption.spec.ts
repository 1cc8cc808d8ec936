import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { EncryptedFields, encryptedColumns, KeyRotationService, SEALED, SealedColumns } from '@clockwork/server-core';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createUnmatchedEmail } from '../support/domains/email-log.domain';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createAccount } from '../support/domains/accounts.domain';
import { signup, SignedUp } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

const key = (kid: string) => `${kid}:${randomBytes(32).toString('base64')}`;

/**
 * Field encryption at rest, on a database of its own (the rotation re-encrypts every row in it
 * with keys the other test files do not have).
 */
describe('field encryption at rest', () => {
  const K1 = key('k1');
  const K2 = key('k2');
  let databaseName: string | undefined;
  let env: Record<string, string>;
  let app: INestApplication;
  const closing: (INestApplication | INestApplicationContext)[] = [];
  let db: DataSource;
  let admin: SignedUp;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const http = (target = app) => request(target.getHttpServer());
  const rawContact = async (id: string) => (await db.query(`SELECT email, email_hash, phone, row_to_json(c)::text AS whole FROM contacts c WHERE id = $1`, [id]))[0];
  const rawNote = async (id: string) => (await db.query(`SELECT body FROM notes WHERE id = $1`, [id]))[0].body as string;
  const contact = async (body: Record<string, unknown>) => (await http().post('/api/v1/contacts').set(as(admin.accessToken)).send(body).expect(201)).body;
  const note = async (body: Record<string, unknown>) => (await http().post('/api/v1/notes').set(as(admin.accessToken)).send(body).expect(201)).body;

  beforeAll(async () => {
    const created = await createMigratedDatabase('ck_e2e_encryption');
    databaseName = created.name;
    env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-encryption`, ENCRYPTION_KEYS: K1, BLIND_INDEX_KEY: randomBytes(32).toString('base64') };
    app = await createApiApp(env);
    closing.push(app);
    db = app.get(DataSource);
    admin = await signup(app, 'Encryption Org');
  });
  afterAll(async () => {
    for (const target of closing.reverse()) await target.close();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('stores every registered column as a ciphertext bound to its key, never the plain value, and answers in plain', async () => {
    const accountId = await createAccount(app, admin, { name: 'Analytical Engines' });
    const ada = await contact({ first_name: 'Ada', email: ' Ada@Engines.test ', phone: '+44 20 7946 0958', account_id: accountId });
    const secret = await note({ parent_type: 'contact', parent_id: ada.id, body: 'The board meets on Tuesday', is_private: true });
    const open = await note({ parent_type: 'contact', parent_id: ada.id, body: 'Likes punch cards' });
    // A deleted contact leaves what a later erasure needs (deleted_contacts), encrypted too.
    const gone = await contact({ first_name: 'Charles', last_name: 'Babbage', email: 'charles@engines.test', phone: '+44 20 7946 0001' });
    await http().delete(`/api/v1/contacts/${gone.id}`).set(as(admin.accessToken)).expect(204);
    // Logged mail keeps its body encrypted (email logging).
    await createUnmatchedEmail(app, admin, { html: '<p>Just saying hello.</p>' });

    for (const spec of encryptedColumns().filter((c) => !c.ownerManaged)) {
      const rows: { value: string }[] = await db.query(
        `SELECT ${spec.column} AS value FROM ${spec.table} WHERE organization_id = $1 AND ${spec.column} IS NOT NULL ${spec.onlyWhen ? `AND ${spec.onlyWhen}` : ''}`,
        [admin.organizationId],
      );
      expect({ column: `${spec.table}.${spec.column}`, found: rows.length > 0 }).toEqual({ column: `${spec.table}.${spec.column}`, found: true });
      for (const row of rows) expect(row.value).toMatch(/^enc:v1:k1:[A-Za-z0-9+/=]+$/);
    }
    const raw = await rawContact(ada.id);
    expect(raw.whole).not.toMatch(/engines\.test|7946/i);
    // The blind index is made with a key of its own (BLIND_INDEX_KEY), named by its fingerprint.
    expect(raw.email_hash).toMatch(new RegExp(`^${app.get(EncryptedFields).indexKeyId}:`));
    expect(raw.email_hash).toMatch(/^bi-[0-9a-f]{12}:/);
    expect(await rawNote(secret.id)).not.toContain('Tuesday');
    expect(await rawNote(open.id)).toBe('Likes punch cards');
    // The audit log records that the encrypted fields were set, never their values.
    const [audit] = await db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'create'`, [admin.organizationId, ada.id]);
    expect(audit.changes).toMatchObject({ email: { from: null, to: '[encrypted]' }, phone: { from: null, to: '[encrypted]' } });
    expect(JSON.stringify(await db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1`, [admin.organizationId]))).not.toMatch(/engines\.test|7946|Tuesday/i);

    const got = (await http().get(`/api/v1/contacts/${ada.id}`).set(as(admin.accessToken)).expect(200)).body;
    expect(got).toMatchObject({ email: 'ada@engines.test', phone: '+44 20 7946 0958' });
    expect((await http().get(`/api/v1/notes/${secret.id}`).set(as(admin.accessToken)).expect(200)).body.body).toBe('The board meets on Tuesday');
    const listed = (await http().get(`/api/v1/notes?parent_type=contact&parent_id=${ada.id}`).set(as(admin.accessToken)).expect(200)).body.data;
    expect(listed.map((n: { body: string }) => n.body).sort()).toEqual(['Likes punch cards', 'The board meets on Tuesday']);
    const timeline = (await http().get(`/api/v1/contacts/${ada.id}/timeline`).set(as(admin.accessToken)).expect(200)).body.data;
    expect(timeline.find((i: { id: string }) => i.id === secret.id)).toMatchObject({ summary: 'The board meets on Tuesday', data: { body: 'The board meets on Tuesday' } });
    const csv = await http().get('/api/v1/contacts?format=csv').set(as(admin.accessToken)).expect(200);
    expect(csv.text).toContain('ada@engines.test');
  });

  it('encrypts a note when it becomes private and stores it plain again when it stops being private', async () => {
    const parent = await contact({ first_name: 'Grace' });
    const n = await note({ parent_type: 'contact', parent_id: parent.id, body: 'Compiler ideas' });
    await http().patch(`/api/v1/notes/${n.id}`).set(as(admin.accessToken)).send({ is_private: true }).expect(200);
    expect(await rawNote(n.id)).toMatch(/^enc:v1:k1:/);
    await http().patch(`/api/v1/notes/${n.id}`).set(as(admin.accessToken)).send({ body: 'Compiler ideas, revised' }).expect(200);
    expect(await rawNote(n.id)).toMatch(/^enc:v1:k1:/);
    const reopened = await http().patch(`/api/v1/notes/${n.id}`).set(as(admin.accessToken)).send({ is_private: false }).expect(200);
    expect(reopened.body).toMatchObject({ body: 'Compiler ideas, revised', is_private: false });
    expect(await rawNote(n.id)).toBe('Compiler ideas, revised');
  });

  it('finds contacts by email through the blind index; the same email twice stays allowed, as before', async () => {
    const first = await contact({ first_name: 'Katherine', email: 'kj@nasa.test' });
    const second = await contact({ first_name: 'Kate', email: ' KJ@NASA.test' });
    const byEmail = (await http().get('/api/v1/contacts?email=KJ@nasa.test&sort=created_at:asc').set(as(admin.accessToken)).expect(200)).body.data;
    expect(byEmail.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
    expect((await rawContact(first.id)).email_hash).toBe((await rawContact(second.id)).email_hash);
    const hits = (await http().get('/api/v1/search?q=kj@nasa.test').set(as(admin.accessToken)).expect(200)).body.data;
    expect(hits.map((h: { id: string }) => h.id).sort()).toEqual([first.id, second.id].sort());
    await http().patch(`/api/v1/contacts/${second.id}`).set(as(admin.accessToken)).send({ email: '' }).expect(200);
    expect(await rawContact(second.id)).toMatchObject({ email: null, email_hash: null });
    // Cleared in plain SQL (an erasure, say): the trigger clears the blind index too.
    await db.query(`UPDATE contacts SET email = NULL WHERE id = $1`, [first.id]);
    expect((await rawContact(first.id)).email_hash).toBeNull();
    expect((await http().get('/api/v1/contacts?email=kj@nasa.test').set(as(admin.accessToken)).expect(200)).body.data).toEqual([]);
  });

  it('fails closed on a tampered ciphertext or one copied from another row: 500 with a generic message', async () => {
    const victim = await contact({ first_name: 'Tampered', email: 'victim@x.test' });
    const donor = await contact({ first_name: 'Donor', email: 'donor@x.test' });
    const moved = await contact({ first_name: 'Moved', email: 'moved@x.test' });
    const stored: string = (await rawContact(victim.id)).email;
    const bytes = Buffer.from(stored.split(':')[3], 'base64');
    bytes[bytes.length - 1] ^= 1;
    await db.query(`UPDATE contacts SET email = $2 WHERE id = $1`, [victim.id, `enc:v1:k1:${bytes.toString('base64')}`]);
    await db.query(`UPDATE contacts SET email = (SELECT email FROM contacts WHERE id = $2) WHERE id = $1`, [moved.id, donor.id]);
    for (const id of [victim.id, moved.id]) {
      const res = await http().get(`/api/v1/contacts/${id}`).set(as(admin.accessToken)).expect(500);
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'A stored value could not be decrypted; the error was logged' });
    }
    await http().get(`/api/v1/contacts/${donor.id}`).set(as(admin.accessToken)).expect(200);
    // The rotation job cannot read them either: it leaves them, counts them, and carries on.
    await db.query(`DELETE FROM contacts WHERE id = ANY($1)`, [[victim.id, moved.id]]);
  });

  it('re-encrypts every value (and plain leftovers) to a prepended key; the blind indexes (BLIND_INDEX_KEY) stay valid when keys are retired', async () => {
    const legacy = randomUUID();
    await db.query(`INSERT INTO contacts (organization_id, id, first_name, email, phone) VALUES ($1, $2, 'Legacy', 'legacy@old.test', '+1 555 0100')`, [admin.organizationId, legacy]);

    // Secrets their own modules encrypt (integrations, webhook subscriptions) rotate too.
    const integration = (await http().post('/api/v1/integrations').set(as(admin.accessToken)).send({ provider: 'productivity', name: 'Rotating' }).expect(201)).body;
    await http().post('/api/v1/webhooks/subscriptions').set(as(admin.accessToken)).send({ url: 'https://93.184.215.14/hook', events: ['deal.created'] }).expect(201);

    // An event stored before payloads were encrypted (the migration lets such rows stay; new ones are refused).
    const legacyEvent = randomUUID();
    await db.query(`ALTER TABLE outbox_events DROP CONSTRAINT outbox_events_payload_sealed`);
    await db.query(
      `INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, 'legacy.event', 'legacy', NULL, '{"email": "legacy-event@old.test"}')`,
      [admin.organizationId, legacyEvent],
    );
    await db.query(`ALTER TABLE outbox_events ADD CONSTRAINT outbox_events_payload_sealed CHECK (starts_with(payload, 'enc:v1:')) NOT VALID`);

    // A worker booted with a new first key re-encrypts at once (the boot run).
    const worker = await createWorkerApp({ ...env, ENCRYPTION_KEYS: `${K2},${K1}` });
    closing.push(worker);
    const rotation = worker.get(KeyRotationService);
    await waitFor('every value under k2', async () => (await rotation.status()).remaining === 0, 30_000, 250);
    const status = await rotation.status();
    const indexKeyId = app.get(EncryptedFields).indexKeyId;
    expect(status).toMatchObject({ current_key_id: 'k2', index_key_id: indexKeyId, remaining: 0 });
    expect(status.columns.map((c) => `${c.table}.${c.column}`)).toEqual(
      expect.arrayContaining(['contacts.email', 'contacts.phone', 'notes.body', 'outbox_events.payload', 'webhook_deliveries.body', 'webhook_delivery_attempts.response_excerpt']),
    );
    // Event payloads rotate too, the one stored plain included; then every row satisfies the constraint.
    const events: { id: string; payload: string }[] = await db.query(`SELECT id, payload FROM outbox_events WHERE organization_id = $1`, [admin.organizationId]);
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) expect(e.payload).toMatch(/^enc:v1:k2:/);
    const legacyPayload = events.find((e) => e.id === legacyEvent)?.payload as string;
    expect(worker.get(SealedColumns).openJson(SEALED.eventPayload, { organizationId: admin.organizationId, id: legacyEvent }, legacyPayload)).toEqual({ email: 'legacy-event@old.test' });
    await db.query(`ALTER TABLE outbox_events VALIDATE CONSTRAINT outbox_events_payload_sealed`);
    for (const spec of encryptedColumns().filter((c) => !c.ownerManaged)) {
      const rows: { value: string }[] = await db.query(`SELECT ${spec.column} AS value FROM ${spec.table} WHERE ${spec.column} IS NOT NULL ${spec.onlyWhen ? `AND ${spec.onlyWhen}` : ''}`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.value).toMatch(/^enc:v1:k2:/);
    }
    expect(await rawContact(legacy)).toMatchObject({ email: expect.stringMatching(/^enc:v1:k2:/), phone: expect.stringMatching(/^enc:v1:k2:/), email_hash: expect.stringMatching(new RegExp(`^${indexKeyId}:`)) });
    const [secrets] = await db.query(
      `SELECT i.signing_secret, s.secret FROM integrations i, webhook_subscriptions s WHERE i.organization_id = $1 AND s.organization_id = $1 AND i.id = $2`,
      [admin.organizationId, integration.id],
    );
    expect(secrets).toEqual({ signing_secret: expect.stringMatching(/^enc:v1:k2:/), secret: expect.stringMatching(/^enc:v1:k2:/) });

    // The old key is gone from the api: everything still reads, the legacy contact is found by email.
    const k2Only = await createApiApp({ ...env, ENCRYPTION_KEYS: K2 });
    closing.push(k2Only);
    expect((await http(k2Only).get(`/api/v1/contacts/${legacy}`).set(as(admin.accessToken)).expect(200)).body).toMatchObject({ email: 'legacy@old.test', phone: '+1 555 0100' });
    const list = await http(k2Only).get('/api/v1/contacts?limit=100').set(as(admin.accessToken)).expect(200);
    expect(list.body.data.length).toBeGreaterThan(3);
    // The re-encrypted signing secret still verifies the productivity platform's webhooks.
    const event = JSON.stringify({ type: 'employee.updated', data: { employee_id: 'emp-rotated' } });
    const signed = new Webhook(integration.signing_secret).sign('msg_rotation', new Date(), event);
    await http(k2Only)
      .post(`/api/v1/webhooks/crm-event/${integration.id}`)
      .set({ 'content-type': 'application/json', 'webhook-id': 'msg_rotation', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': signed })
      .send(event)
      .expect((res) => expect(res.status).toBeLessThan(300));
    // The blind indexes do not depend on the encryption keys: retiring k1 leaves email lookups working.
    const hashed = (await rawContact(legacy)).email_hash;
    let found = (await http(k2Only).get('/api/v1/contacts?email=LEGACY@old.test').set(as(admin.accessToken)).expect(200)).body.data;
    expect(found.map((c: { id: string }) => c.id)).toEqual([legacy]);
    expect(await rotation.run()).toMatchObject({ reencrypted: 0, reindexed: 0, failed: 0 });
    await worker.close();
    closing.splice(closing.indexOf(worker), 1);
    const worker2 = await createWorkerApp({ ...env, ENCRYPTION_KEYS: K2 });
    closing.push(worker2);
    const rotation2 = worker2.get(KeyRotationService);
    await waitFor('nothing due under k2', async () => (await rotation2.status()).remaining === 0, 30_000, 250);
    expect((await rawContact(legacy)).email_hash).toBe(hashed);
    found = (await http(k2Only).get('/api/v1/contacts?email=LEGACY@old.test').set(as(admin.accessToken)).expect(200)).body.data;
    expect(found.map((c: { id: string }) => c.id)).toEqual([legacy]);

    // An edit between the job's read and its write wins: the job writes only values still as it read them.
    const raced = randomUUID();
    await db.query(`INSERT INTO contacts (organization_id, id, first_name, phone) VALUES ($1, $2, 'Raced', '+1 555 0199')`, [admin.organizationId, raced]);
    const edited = k2Only.get(EncryptedFields).encryptRow('contacts', { organization_id: admin.organizationId, id: raced, phone: '+1 555 0200' }).phone;
    const workerDb = worker2.get(DataSource);
    const transaction = workerDb.transaction.bind(workerDb) as (work: unknown) => Promise<unknown>;
    jest.spyOn(workerDb, 'transaction').mockImplementationOnce((async (work: unknown) => {
      await db.query(`UPDATE contacts SET phone = $2 WHERE id = $1`, [raced, edited]);
      return transaction(work);
    }) as never);
    expect(await rotation2.run()).toMatchObject({ reencrypted: 0, failed: 0, remaining: 0 });
    expect((await http(k2Only).get(`/api/v1/contacts/${raced}`).set(as(admin.accessToken)).expect(200)).body.phone).toBe('+1 555 0200');
  });
});
