import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FakeProductivityBackend, StoredItem } from '@clockwork/testing-support';
import { createApiApp } from '../support/api-app';
import { CreatedIntegration, createIntegration, sendCrmEvent } from '../support/domains/integrations.domain';
import { PASSWORD, signup, SignedUp, uniqueEmail } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

/**
 * The two-way sync against a fake productivity platform on 127.0.0.1, with the real api and
 * worker on a database and Bull prefix of their own (no other test file's worker pushes these).
 */
describe('two-way sync with the productivity platform', () => {
  const backend = new FakeProductivityBackend();
  let database: { name: string; url: string };
  let env: Record<string, string>;
  let api: INestApplication;
  let worker: INestApplicationContext | undefined;
  let db: DataSource;
  let admin: SignedUp;
  let integration: CreatedIntegration;
  let linkedUserId: string;
  let taskId: string;
  const http = () => request(api.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${admin.accessToken}` });
  const syncRecord = async (recordId: string) =>
    (await db.query(`SELECT * FROM sync_records WHERE organization_id = $1 AND record_id = $2`, [admin.organizationId, recordId]))[0];
  const pushesOf = (id: string) => backend.received.filter((r) => r.path.endsWith(`/${id}`));
  const remoteEvent = (data: Record<string, unknown>) => sendCrmEvent(api, integration.id, integration.signing_secret, { type: 'task.updated', data }).expect(200);
  /** Every outbox event handled and no push pending or leased: the worker has nothing left to send. */
  const settled = () =>
    waitFor('the worker to settle', async () => {
      const [row] = await db.query(
        `SELECT (SELECT count(*) FROM outbox_events WHERE processed_at IS NULL)::int + (SELECT count(*) FROM sync_records WHERE push_pending OR lease_token IS NOT NULL)::int AS busy`,
      );
      return row.busy === 0;
    });

  beforeAll(async () => {
    await backend.start();
    database = await createMigratedDatabase('ck_sync');
    env = {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `ck-sync-${randomBytes(4).toString('hex')}`,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      OUTBOX_POLL_MS: '50',
      OUTBOX_REDISPATCH_SECONDS: '5',
      SYNC_POLL_MS: '100',
      SYNC_RETRY_BASE_MS: '200',
      SYNC_RETRY_MAX_MS: '1000',
    };
    api = await createApiApp(env);
    worker = await createWorkerApp(env);
    db = api.get(DataSource);
    admin = await signup(api, 'Sync Org');
    const user = await http().post('/api/v1/users').set(auth()).send({ name: 'Ana', email: uniqueEmail('ana'), password: PASSWORD, role: 'sales', linked_employee_id: 'emp-ana' }).expect(201);
    linkedUserId = user.body.id;
    integration = await createIntegration(api, admin, { base_url: backend.url });
    backend.secret = integration.signing_secret;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await backend.stop();
    if (database) await dropDatabase(database.name);
  });

  it('pushes a created task assigned to a linked user, signed, and stores the remote id; unlinked tasks stay home', async () => {
    const unlinked = (await http().post('/api/v1/tasks').set(auth()).send({ title: 'Nobody assigned' }).expect(201)).body.id;
    const task = (await http().post('/api/v1/tasks').set(auth()).send({ title: 'Install the agent', assigned_to: linkedUserId, priority: 'high' }).expect(201)).body;
    taskId = task.id;
    const stored = (await waitFor('the task at the backend', async () => backend.tasks.get(taskId))) as StoredItem;
    expect(stored.body).toMatchObject({ crm_id: taskId, title: 'Install the agent', status: 'todo', priority: 'high', assignee_employee_id: 'emp-ana', updated_at: task.updated_at });
    expect(pushesOf(taskId).every((p) => p.verified && p.method === 'PUT' && p.path === `/api/tasks/${taskId}`)).toBe(true);
    await settled();
    const record = await syncRecord(taskId);
    expect(record).toMatchObject({ remote_id: stored.remoteId, push_pending: false, attempts: 0, last_error: null });
    expect(record.crm_updated_at.toISOString()).toBe(task.updated_at);
    expect(record.remote_updated_at.toISOString()).toBe(stored.updatedAt);
    expect(pushesOf(unlinked)).toHaveLength(0);
    expect(await syncRecord(unlinked)).toBeUndefined();
  });

  it('pushes deals as projects', async () => {
    const deal = (await http().post('/api/v1/deals').set(auth()).send({ name: 'Globex rollout', value: '1200.00', currency: 'EUR' }).expect(201)).body;
    const stored = (await waitFor('the project at the backend', async () => backend.projects.get(deal.id))) as StoredItem;
    expect(stored.body).toMatchObject({ crm_id: deal.id, name: 'Globex rollout', stage: 'prospecting', status: 'open', value: '1200.00', currency: 'EUR' });
    await settled();
    expect((await syncRecord(deal.id)).remote_id).toBe(stored.remoteId);
  });

  it('pushes an update made in the CRM', async () => {
    await http().patch(`/api/v1/tasks/${taskId}`).set(auth()).send({ title: 'Install the agent on 12 laptops' }).expect(200);
    await waitFor('the new title at the backend', async () => backend.tasks.get(taskId)?.body['title'] === 'Install the agent on 12 laptops');
  });

  it('retries a push the backend refuses twice until it is delivered, with the same webhook-id', async () => {
    await settled();
    const before = pushesOf(taskId).length;
    backend.failNext = 2;
    await http().patch(`/api/v1/tasks/${taskId}`).set(auth()).send({ status: 'in_progress' }).expect(200);
    await waitFor('the status at the backend', async () => backend.tasks.get(taskId)?.body['status'] === 'in_progress');
    const attempts = pushesOf(taskId).slice(before);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.webhookId)).size).toBe(1);
    await settled();
    expect(await syncRecord(taskId)).toMatchObject({ attempts: 0, last_error: null, last_status_code: 200, push_pending: false });
  });

  it('applies a remote task.updated to the CRM task and does not echo it back', async () => {
    await settled();
    const before = pushesOf(taskId).length;
    const res = await remoteEvent({ id: taskId, status: 'blocked', title: 'Waiting for laptops', updated_at: new Date().toISOString() });
    expect(res.body).toMatchObject({ status: 'processed', result: 'updated' });
    const got = await http().get(`/api/v1/tasks/${taskId}`).set(auth()).expect(200);
    expect(got.body).toMatchObject({ status: 'blocked', title: 'Waiting for laptops' });
    await settled();
    expect(pushesOf(taskId)).toHaveLength(before);
    expect((await syncRecord(taskId)).snapshot).toMatchObject({ status: 'blocked', title: 'Waiting for laptops' });
    // The same change again (a new webhook-id, an older timestamp) changes nothing.
    expect((await remoteEvent({ id: taskId, title: 'Old news', updated_at: '2020-01-01T00:00:00Z' })).body.result).toBe('stale');
  });

  it('keeps the losing value of a field both sides changed in the conflicts list, applies the newer, and resolving flips and pushes it', async () => {
    await settled();
    // The worker is away, so the CRM edit is not pushed before the platform's own edit arrives.
    await worker?.close();
    worker = undefined;
    const crmEdit = await http().patch(`/api/v1/tasks/${taskId}`).set(auth()).send({ title: 'Title from the CRM' }).expect(200);
    const remoteAt = new Date(Date.parse(crmEdit.body.updated_at) + 1000).toISOString();
    expect((await remoteEvent({ id: taskId, title: 'Title from the platform', updated_at: remoteAt })).body.result).toBe('updated');
    expect((await http().get(`/api/v1/tasks/${taskId}`).set(auth()).expect(200)).body.title).toBe('Title from the platform');

    const list = await http().get('/api/v1/sync/conflicts?resolved=false&record_type=task').set(auth()).expect(200);
    expect(list.body.data).toHaveLength(1);
    const conflict = list.body.data[0];
    expect(conflict).toMatchObject({
      integration_id: integration.id,
      record_type: 'task',
      record_id: taskId,
      field: 'title',
      crm_value: 'Title from the CRM',
      remote_value: 'Title from the platform',
      crm_updated_at: crmEdit.body.updated_at,
      remote_updated_at: remoteAt,
      winner: 'remote',
      resolved_at: null,
    });
    expect((await http().get('/api/v1/sync/conflicts?record_type=deal').set(auth()).expect(200)).body.data).toHaveLength(0);

    worker = await createWorkerApp(env);
    await settled();
    expect(backend.tasks.get(taskId)?.body['title']).not.toBe('Title from the CRM');

    const resolved = await http().post(`/api/v1/sync/conflicts/${conflict.id}/resolve`).set(auth()).send({ keep: 'crm' }).expect(200);
    expect(resolved.body).toMatchObject({ id: conflict.id, resolution: 'crm', resolved_by: admin.userId });
    expect((await http().get(`/api/v1/tasks/${taskId}`).set(auth()).expect(200)).body.title).toBe('Title from the CRM');
    await waitFor('the kept title at the backend', async () => backend.tasks.get(taskId)?.body['title'] === 'Title from the CRM');
    expect((await http().get('/api/v1/sync/conflicts?resolved=false').set(auth()).expect(200)).body.data).toHaveLength(0);
    await http().post(`/api/v1/sync/conflicts/${conflict.id}/resolve`).set(auth()).send({ keep: 'remote' }).expect(409);
    const [audit] = await db.query(`SELECT action, actor_id, changes FROM audit_logs WHERE organization_id = $1 AND object_type = 'sync_conflict' AND object_id = $2`, [admin.organizationId, conflict.id]);
    expect(audit).toMatchObject({ action: 'resolve', actor_id: admin.userId, changes: { resolution: { from: null, to: 'crm' }, title: { from: 'Title from the platform', to: 'Title from the CRM' } } });
  });

  it('refuses bad filters and bodies, naming the field', async () => {
    const bad = await http().get('/api/v1/sync/conflicts?resolved=maybe&record_type=contact').set(auth()).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/resolved/);
    expect(JSON.stringify(bad.body)).toMatch(/record_type/);
    const [row] = await db.query(`SELECT id FROM sync_conflicts WHERE organization_id = $1 LIMIT 1`, [admin.organizationId]);
    const badKeep = await http().post(`/api/v1/sync/conflicts/${row.id}/resolve`).set(auth()).send({ keep: 'both' }).expect(400);
    expect(JSON.stringify(badKeep.body)).toMatch(/keep/);
  });
});
