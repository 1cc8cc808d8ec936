import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { insertContact } from '../support/records-sql';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

type Edit = { id: string; status: string; total: number; done: number; error: string | null };

/**
 * Bulk edits of more than 500 records: the api answers 202 with the bulk edit, the real worker
 * (in this process, its own database and queue prefix) runs it in batches of 500 as the caller,
 * and its progress is read back through GET /bulk-edits/{id}.
 */
describe('bulk edits run by the worker', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let databaseName: string | undefined;
  let db: DataSource;
  let admin: SignedUp;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const finished = async (id: string, token = admin.accessToken) =>
    (await waitFor(`bulk edit ${id} to finish`, async () => {
      const body = (await http().get(`/api/v1/bulk-edits/${id}`).set(as(token)).expect(200)).body as Edit;
      return body.status === 'completed' || body.status === 'failed' ? body : null;
    }, 120_000, 100)) as Edit;
  const seed = async (n: number, ownerId: string, name: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await insertContact(app, admin.organizationId, { first_name: `${name} ${i}` }));
    await db.query(`UPDATE contacts SET owner_id = $2 WHERE organization_id = $1 AND id = ANY($3::uuid[])`, [admin.organizationId, ownerId, ids]);
    return ids;
  };

  beforeAll(async () => {
    const created = await createMigratedDatabase('ck_e2e_bulk_edits');
    databaseName = created.name;
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-bulk-edits` };
    app = await createApiApp(env);
    worker = await createWorkerApp({ ...env, OUTBOX_POLL_MS: '50' });
    db = app.get(DataSource);
    admin = await signup(app, 'Bulk Worker Org');
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('queues a filtered selection of 1,203 contacts (202), then writes every one with its audit row and event, reporting progress', async () => {
    const manager = await userWithRole(app, admin.accessToken, 'manager');
    const sales = await userWithRole(app, admin.accessToken, 'sales');
    const ids = await seed(1203, manager.id, 'Queued');
    const [{ expected }] = await db.query(`SELECT count(*)::int AS expected FROM contacts WHERE organization_id = $1 AND owner_id = $2`, [admin.organizationId, manager.id]);
    const res = await http().post('/api/v1/bulk-edits').set(as(admin.accessToken)).send({ kind: 'contacts', selection: { filter: { owner_id: manager.id } }, patch: { owner_id: sales.id } }).expect(202);
    expect(res.body).toMatchObject({ kind: 'contacts', status: 'queued', total: expected, done: 0, error: null, finished_at: null });
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: 'completed', total: expected, done: expected, error: null });
    const [{ moved }] = await db.query(`SELECT count(*)::int AS moved FROM contacts WHERE organization_id = $1 AND owner_id = $2 AND id = ANY($3::uuid[])`, [admin.organizationId, sales.id, ids]);
    expect(moved).toBe(ids.length);
    const [{ audit }] = await db.query(
      `SELECT count(*)::int AS audit FROM audit_logs WHERE organization_id = $1 AND object_id = ANY($2::uuid[]) AND action = 'update' AND actor_id = $3`,
      [admin.organizationId, ids, admin.userId],
    );
    expect(audit).toBe(ids.length);
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM outbox_events WHERE organization_id = $1 AND aggregate_id = ANY($2::uuid[]) AND type = 'contact.updated'`, [admin.organizationId, ids]);
    expect(events).toBe(ids.length);
  }, 180_000);

  it("stops a sales user's queued edit at the batch holding a contact reassigned meanwhile: earlier batches kept, that batch written not at all", async () => {
    const sales = await userWithRole(app, admin.accessToken, 'sales');
    const ids = [...(await seed(1001, sales.id, 'Mine'))].sort();
    const res = await http().post('/api/v1/bulk-edits').set(as(sales.token)).send({ kind: 'contacts', selection: { ids }, patch: { add_tags: ['q3'] } });
    expect(res.status).toBe(202);
    // Before the worker reaches the second batch (ids 500-999 in id order), one of its contacts is someone else's.
    const taken = ids[700];
    await db.query(`UPDATE contacts SET owner_id = $2 WHERE organization_id = $1 AND id = $3`, [admin.organizationId, admin.userId, taken]);
    const done = await finished(res.body.id, sales.token);
    const [{ tagged }] = await db.query(`SELECT count(*)::int AS tagged FROM contacts WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND 'q3' = ANY(tags)`, [admin.organizationId, ids]);
    // The race: the worker may have finished the first batch or not before the update; either way whole batches only.
    expect(done.status).toBe('failed');
    expect(done.error).toContain('may only change its own contacts');
    expect(tagged).toBe(done.done);
    expect([0, 500]).toContain(done.done);
  }, 180_000);
});
