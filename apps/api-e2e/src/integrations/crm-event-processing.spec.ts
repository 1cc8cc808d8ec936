import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createTask } from '../support/domains/tasks.domain';
import { CreatedIntegration, createIntegration, sendCrmEvent } from '../support/domains/integrations.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, userWithRole } from '../support/org-fixture';

/** What each inbound event does, processed once per webhook-id, as the integration. */
describe('POST /webhooks/crm-event/{id}: events', () => {
  const api = apiWithOrg('Events Org');
  let integration: CreatedIntegration;
  const http = () => request(api.app.getHttpServer());
  const send = (event: unknown, msgId?: string) => sendCrmEvent(api.app, integration.id, integration.signing_secret, event, { msgId });
  const entriesWith = async (externalId: string) => api.db.query(`SELECT * FROM time_entries WHERE organization_id = $1 AND external_id = $2`, [api.admin.organizationId, externalId]);
  const receipts = async (msgId: string) => Number((await api.db.query(`SELECT count(*) AS n FROM webhook_receipts WHERE organization_id = $1 AND webhook_id = $2`, [api.admin.organizationId, msgId]))[0].n);

  beforeAll(async () => {
    integration = await createIntegration(api.app, api.admin);
  });

  it('processes the same webhook-id once, sent twice in a row', async () => {
    const event = { type: 'time_entry.created', data: timeEntryBody({ external_id: 'dup-seq' }) };
    expect((await send(event, 'msg_dup_seq').expect(200)).body).toEqual({ status: 'processed', type: 'time_entry.created', result: 'created' });
    expect((await send(event, 'msg_dup_seq').expect(200)).body).toEqual({ status: 'duplicate', type: 'time_entry.created' });
    expect(await entriesWith('dup-seq')).toHaveLength(1);
    expect(await receipts('msg_dup_seq')).toBe(1);
  });

  it('processes the same webhook-id once, sent concurrently', async () => {
    // Without an external_id only the webhook-id can tell the copies apart.
    const event = { type: 'time_entry.created', data: timeEntryBody({ project_name: 'Concurrent copies' }) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(event, 'msg_dup_conc')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.status === 'processed')).toHaveLength(1);
    const rows = await api.db.query(`SELECT id FROM time_entries WHERE organization_id = $1 AND project_name = 'Concurrent copies'`, [api.admin.organizationId]);
    expect(rows).toHaveLength(1);
    expect(await receipts('msg_dup_conc')).toBe(1);
  });

  it('time_entry.updated with a newer updated_at updates the entry; an older one changes nothing', async () => {
    const base = timeEntryBody({ external_id: 'upd-1', project_name: 'First', updated_at: '2026-03-02T10:00:00.000Z' });
    await send({ type: 'time_entry.created', data: base }).expect(200);
    const newer = await send({ type: 'time_entry.updated', data: { ...base, project_name: 'Second', productivity_score: 0.4, updated_at: '2026-03-02T11:00:00.000Z' } }).expect(200);
    expect(newer.body.result).toBe('updated');
    const older = await send({ type: 'time_entry.updated', data: { ...base, project_name: 'Stale', updated_at: '2026-03-02T09:00:00.000Z' } }).expect(200);
    expect(older.body.result).toBe('existing');
    const [row] = await entriesWith('upd-1');
    expect(row).toMatchObject({ project_name: 'Second', productivity_score: '0.400' });
    const audit = await api.db.query(`SELECT action, actor_type, actor_id FROM audit_logs WHERE organization_id = $1 AND object_id = $2 ORDER BY created_at, id`, [api.admin.organizationId, row.id]);
    expect(audit).toEqual([
      { action: 'create', actor_type: 'integration', actor_id: integration.id },
      { action: 'update', actor_type: 'integration', actor_id: integration.id },
    ]);
  });

  it('time_entry.deleted removes the entry (audited); an unknown external_id is a no-op', async () => {
    await send({ type: 'time_entry.created', data: timeEntryBody({ external_id: 'del-1' }) }).expect(200);
    const [row] = await entriesWith('del-1');
    expect((await send({ type: 'time_entry.deleted', data: { external_id: 'del-1' } }).expect(200)).body.result).toBe('deleted');
    expect(await entriesWith('del-1')).toHaveLength(0);
    const audit = await api.db.query(`SELECT actor_type, actor_id FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'delete'`, [api.admin.organizationId, row.id]);
    expect(audit).toEqual([{ actor_type: 'integration', actor_id: integration.id }]);
    expect((await send({ type: 'time_entry.deleted', data: { external_id: 'never-seen' } }).expect(200)).body.result).toBe('not_found');
  });

  it('task.updated updates the CRM task through the tasks service, audited with the integration as actor', async () => {
    const task = await createTask(api.app, api.admin, { title: 'Install agent' });
    const res = await send({ type: 'task.updated', data: { id: task, status: 'done', title: 'Agent installed', due_date: '2026-04-01T00:00:00Z', updated_at: new Date().toISOString() } }).expect(200);
    expect(res.body.result).toBe('updated');
    const got = await http().get(`/api/v1/tasks/${task}`).set('Authorization', `Bearer ${api.admin.accessToken}`).expect(200);
    expect(got.body).toMatchObject({ status: 'done', title: 'Agent installed', due_date: '2026-04-01T00:00:00.000Z', version: 2 });
    expect(got.body.completed_at).not.toBeNull();
    const audit = await api.db.query(`SELECT actor_type, actor_id, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'update'`, [api.admin.organizationId, task]);
    expect(audit).toEqual([{ actor_type: 'integration', actor_id: integration.id, changes: expect.objectContaining({ status: { from: 'todo', to: 'done' } }) }]);
    const events = await api.db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 ORDER BY created_at`, [api.admin.organizationId, task]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['task.created', 'task.updated']);
    // Another organization's task is not found, and nothing changes there.
    const stranger = await signup(api.app, 'Stranger Tasks');
    const theirs = await createTask(api.app, stranger, { title: 'Theirs' });
    expect((await send({ type: 'task.updated', data: { id: theirs, status: 'done', updated_at: new Date().toISOString() } }).expect(200)).body.result).toBe('not_found');
    const [row] = await api.db.query(`SELECT status FROM tasks WHERE id = $1`, [theirs]);
    expect(row.status).toBe('todo');
  });

  it('employee.updated links the user with that email, so a following entry of the employee maps to the user', async () => {
    const agent = await userWithRole(api.app, api.admin.accessToken, 'sales');
    expect((await send({ type: 'employee.updated', data: { employee_id: 'emp-77', email: 'nobody@clockwork.test' } }).expect(200)).body.result).toBe('no_user');
    expect((await send({ type: 'employee.updated', data: { employee_id: 'emp-77', email: agent.email.toUpperCase(), name: 'Agent' } }).expect(200)).body.result).toBe('linked');
    const [user] = await api.db.query(`SELECT linked_employee_id FROM users WHERE id = $1`, [agent.id]);
    expect(user.linked_employee_id).toBe('emp-77');
    const audit = await api.db.query(`SELECT actor_type, actor_id, changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'update'`, [api.admin.organizationId, agent.id]);
    expect(audit).toEqual([{ actor_type: 'integration', actor_id: integration.id, changes: { linked_employee_id: { from: null, to: 'emp-77' } } }]);
    await send({ type: 'time_entry.created', data: timeEntryBody({ external_id: 'emp-entry', employee_id: 'emp-77' }) }).expect(200);
    const [entry] = await entriesWith('emp-entry');
    expect(entry.user_id).toBe(agent.id);
    expect(entry.unmapped_reason).not.toBe('unknown_employee');
    // The employee moves to another user: the link moves with it.
    const other = await userWithRole(api.app, api.admin.accessToken, 'support');
    expect((await send({ type: 'employee.updated', data: { employee_id: 'emp-77', email: other.email } }).expect(200)).body.result).toBe('linked');
    const links = await api.db.query(`SELECT id, linked_employee_id FROM users WHERE id = ANY($1) ORDER BY id`, [[agent.id, other.id]]);
    expect(Object.fromEntries(links.map((l: { id: string; linked_employee_id: string | null }) => [l.id, l.linked_employee_id]))).toEqual({ [agent.id]: null, [other.id]: 'emp-77' });
  });
});
