import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { EncryptedFields, KeyRotationService } from '@clockwork/server-core';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { gdprErase } from '../support/domains/gdpr.domain';
import { postImport } from '../support/domains/imports.domain';
import { signup, SignedUp } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

const K1 = randomBytes(32);

/**
 * The email blind index has a key of its own, derived per organization (HKDF from
 * BLIND_INDEX_KEY): one address hashes differently in two tenants, lookups by email (filter,
 * import dedupe, erasure) still find it in its own, and the worker's key-rotation job converts
 * indexes of the older scheme (one key for every tenant: the last ENCRYPTION_KEYS key) and those
 * of a replaced BLIND_INDEX_KEY. On a database of its own (the job rewrites every row in it).
 */
describe('email blind index per organization', () => {
  let databaseName: string | undefined;
  let env: Record<string, string>;
  let app: INestApplication;
  const closing: (INestApplication | INestApplicationContext)[] = [];
  let db: DataSource;
  let first: SignedUp;
  let second: SignedUp;
  const legacy = randomUUID();
  const as = (who: SignedUp) => ({ Authorization: `Bearer ${who.accessToken}` });
  const http = (target = app) => request(target.getHttpServer());
  const hashOf = async (id: string): Promise<string> => (await db.query(`SELECT email_hash FROM contacts WHERE id = $1`, [id]))[0].email_hash;
  const byEmail = async (who: SignedUp, email: string, target = app): Promise<string[]> =>
    (await http(target).get(`/api/v1/contacts?email=${encodeURIComponent(email)}`).set(as(who)).expect(200)).body.data.map((c: { id: string }) => c.id);

  beforeAll(async () => {
    const created = await createMigratedDatabase('ck_e2e_blind_index');
    databaseName = created.name;
    env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-blind-${randomBytes(3).toString('hex')}`, ENCRYPTION_KEYS: `k1:${K1.toString('base64')}`, BLIND_INDEX_KEY: randomBytes(32).toString('base64') };
    app = await createApiApp(env);
    closing.push(app);
    db = app.get(DataSource);
    first = await signup(app, 'Blind Index One');
    second = await signup(app, 'Blind Index Two');
    // A contact as the previous release stored it: `<last ENCRYPTION_KEYS kid>:HMAC(that key, "contacts.email\0" + address)`, one key for every tenant.
    const stored = app.get(EncryptedFields).encryptRow('contacts', { organization_id: first.organizationId, id: legacy, email: 'old.scheme@tenants.test' });
    await db.query(`INSERT INTO contacts (organization_id, id, first_name, email, email_hash) VALUES ($1, $2, 'Old', $3, $4)`, [
      first.organizationId,
      legacy,
      stored.email,
      `k1:${createHmac('sha256', K1).update('contacts.email\u0000old.scheme@tenants.test').digest('base64url')}`,
    ]);
  });
  afterAll(async () => {
    for (const target of closing.reverse()) await target.close();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('hashes one address differently in two organizations; each finds only its own contact by email', async () => {
    const mine = (await http().post('/api/v1/contacts').set(as(first)).send({ first_name: 'Shared', email: 'shared@tenants.test' }).expect(201)).body.id;
    const theirs = (await http().post('/api/v1/contacts').set(as(second)).send({ first_name: 'Shared', email: 'SHARED@tenants.test ' }).expect(201)).body.id;
    const [a, b] = [await hashOf(mine), await hashOf(theirs)];
    expect(a).toMatch(/^bi-[0-9a-f]{12}:/);
    expect(b).toMatch(/^bi-[0-9a-f]{12}:/);
    expect(a).not.toBe(b);
    expect(a).toBe(app.get(EncryptedFields).lookupIndex('contacts', 'email', first.organizationId, 'Shared@Tenants.test'));
    expect(await byEmail(first, 'shared@tenants.test')).toEqual([mine]);
    expect(await byEmail(second, 'Shared@Tenants.TEST')).toEqual([theirs]);
    const search = (await http().get('/api/v1/search?q=shared@tenants.test').set(as(second)).expect(200)).body.data;
    expect(search.map((h: { id: string }) => h.id)).toEqual([theirs]);
    // An index of the older scheme is not found until the worker converts it (next test).
    expect(await byEmail(first, 'old.scheme@tenants.test')).toEqual([]);
  });

  it('import dedupe by email and erasure by email still find the contact, in their organization only', async () => {
    const worker = await createWorkerApp(env);
    closing.push(worker);
    const started = await postImport(app, second.accessToken, { kind: 'contacts', csv: 'First Name,Email,Job Title\nShared,shared@tenants.test,Importer\n' }).expect(202);
    const done = await waitFor('the import to finish', async () => {
      const body = (await http().get(`/api/v1/imports/${started.body.id}`).set(as(second)).expect(200)).body;
      return body.status === 'completed' ? body : null;
    });
    expect(done).toMatchObject({ created_count: 0, updated_count: 1 });
    const [theirs] = await byEmail(second, 'shared@tenants.test');
    expect((await http().get(`/api/v1/contacts/${theirs}`).set(as(second)).expect(200)).body.job_title).toBe('Importer');

    const erased = await gdprErase(app, first.accessToken, { subject: 'contact', email: 'shared@tenants.test' }).expect(200);
    expect(erased.body.contact_ids).toHaveLength(1);
    expect(erased.body.contact_ids).not.toContain(theirs);
    expect(await byEmail(first, 'shared@tenants.test')).toEqual([]);
    expect(await byEmail(second, 'shared@tenants.test')).toEqual([theirs]);
    await worker.close();
    closing.splice(closing.indexOf(worker), 1);
  });

  it('the key-rotation job converts indexes of the older single-key scheme, and those of a replaced BLIND_INDEX_KEY', async () => {
    const fields = app.get(EncryptedFields);
    // The first worker start after the upgrade (the previous test's) ran the job once: its job id names the index key.
    const worker = await createWorkerApp(env);
    closing.push(worker);
    await waitFor('the old index converted', async () => (await hashOf(legacy)).startsWith(`${fields.indexKeyId}:`), 30_000, 250);
    expect(await hashOf(legacy)).toBe(fields.lookupIndex('contacts', 'email', first.organizationId, 'old.scheme@tenants.test'));
    expect(await byEmail(first, 'old.scheme@tenants.test')).toEqual([legacy]);
    await worker.close();
    closing.splice(closing.indexOf(worker), 1);

    // A new BLIND_INDEX_KEY: a new key id; the worker recomputes every index under it.
    const rotatedEnv = { ...env, BLIND_INDEX_KEY: randomBytes(32).toString('base64') };
    const rotatedApi = await createApiApp(rotatedEnv);
    closing.push(rotatedApi);
    const rotatedId = rotatedApi.get(EncryptedFields).indexKeyId;
    expect(rotatedId).not.toBe(fields.indexKeyId);
    const worker2 = await createWorkerApp(rotatedEnv);
    closing.push(worker2);
    const rotation = worker2.get(KeyRotationService);
    await waitFor('every index under the new key', async () => (await rotation.status()).remaining === 0, 30_000, 250);
    const [{ stale }] = await db.query(`SELECT count(*)::int AS stale FROM contacts WHERE email_hash IS NOT NULL AND NOT starts_with(email_hash, $1)`, [`${rotatedId}:`]);
    expect(stale).toBe(0);
    expect(await byEmail(first, 'old.scheme@tenants.test', rotatedApi)).toEqual([legacy]);
  });
});
