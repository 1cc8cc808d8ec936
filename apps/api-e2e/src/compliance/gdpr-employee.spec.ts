import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createDeal } from '../support/domains/deals.domain';
import { gdprErase, gdprExport } from '../support/domains/gdpr.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { PASSWORD } from '../support/org-fixture';
import { findEverywhere, json, unzip } from './personal-data-search';

/**
 * GDPR for an employee: a user of the organization linked to a productivity-platform employee
 * id, and an employee id that only time data knows. The export holds their time entries,
 * counters, records and audit rows; the erase leaves their name, email and employee id
 * nowhere, keeps the time (under a pseudonym) for reports and invoices, and ends their access.
 */
describe('GDPR export and erase of an employee', () => {
  const api = apiWithOrg('Employer Org');
  const tag = randomBytes(4).toString('hex');
  const name = `Bartholomew Employee${tag}`;
  const email = `bart.${tag}@clockwork.test`;
  const employeeId = `emp-${tag}`;
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let userId: string;
  let dealId: string;

  const track = (body: Record<string, unknown>, status = 201) =>
    http()
      .post('/api/v1/time-entries')
      .set(as(api.admin.accessToken))
      .send(timeEntryBody({ external_id: `ext-${randomBytes(6).toString('hex')}`, ...body }))
      .expect(status);

  beforeAll(async () => {
    userId = (await http().post('/api/v1/users').set(as(api.admin.accessToken)).send({ name, email, password: PASSWORD, role: 'sales', linked_employee_id: employeeId }).expect(201)).body.id;
    await http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    await http().post('/api/v1/auth/login').send({ email, password: 'wrong password, twice over' }).expect(401);
    dealId = await createDeal(api.app, api.admin, { name: `Deal of ${tag}`, owner_id: userId });
    await track({ employee_id: employeeId, deal_id: dealId, project_name: `Project ${tag}` });
    await track({ employee_id: employeeId, project_name: `Project ${tag}`, start_time: '2026-03-03T09:00:00.000Z', end_time: '2026-03-03T10:30:00.000Z', duration_seconds: 5400 });
    await track({ employee_id: employeeId, activity_type: 'personal', project_name: 'Dentist' }, 202);
  });

  it('exports the employee by their employee id: user, time entries, counters, deals, audit rows', async () => {
    const res = await gdprExport(api.app, api.admin.accessToken, { subject: 'employee', id: employeeId }).expect(200);
    const files = unzip(res.body as Buffer);
    expect(json(files, 'employee.json')).toEqual({ employee_id: employeeId, user_id: userId });
    expect(json(files, 'user.json')).toMatchObject({ id: userId, name, email, linked_employee_id: employeeId, role: 'sales' });
    expect(JSON.stringify(json(files, 'user.json'))).not.toMatch(/password|hash/);
    const entries = json<{ employee_id: string; duration_seconds: number }[]>(files, 'time_entries.json');
    expect(entries.map((e) => [e.employee_id, e.duration_seconds])).toEqual([
      [employeeId, 3600],
      [employeeId, 5400],
    ]);
    expect(json(files, 'personal_time_counters.json')).toEqual([expect.objectContaining({ employee_id: employeeId, entries: 1 })]);
    expect(json<{ id: string }[]>(files, 'deals.json').map((d) => d.id)).toEqual([dealId]);
    const audit = json<{ action: string; object_id: string }[]>(files, 'audit_logs.json');
    expect(audit.filter((r) => r.object_id === userId).map((r) => r.action)).toEqual(expect.arrayContaining(['create', 'login']));
    // What they did is listed without the values they changed (other people's data).
    const activity = json<Record<string, unknown>[]>(files, 'activity.json');
    expect(activity.map((r) => r.action)).toContain('login');
    expect(activity.every((r) => !('changes' in r))).toBe(true);
  });

  it('erases the employee: name, email and employee id are nowhere; the time stays under a pseudonym', async () => {
    const personal = [name, email, employeeId];
    expect((await findEverywhere(api.db, personal)).length).toBeGreaterThan(3);
    const seconds = async () => (await api.db.query(`SELECT coalesce(sum(seconds), 0)::int AS s FROM time_rollups WHERE organization_id = $1`, [api.admin.organizationId]))[0].s;
    const before = await seconds();

    const res = await gdprErase(api.app, api.admin.accessToken, { subject: 'employee', id: userId }).expect(200);
    expect(res.body).toMatchObject({ subject: 'employee', already_erased: false, counts: { time_entries_pseudonymized: 2, personal_time_counters_deleted: 1 } });
    expect(await findEverywhere(api.db, personal)).toEqual([]);

    const entries = await api.db.query(`SELECT employee_id, user_id, deal_id FROM time_entries WHERE organization_id = $1 ORDER BY start_time`, [api.admin.organizationId]);
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((e: { employee_id: string }) => e.employee_id)).size).toBe(1);
    expect(entries[0].employee_id).toMatch(/^erased-/);
    expect(entries[0]).toMatchObject({ user_id: userId, deal_id: dealId });
    expect(await seconds()).toBe(before);

    // The user stays (deals point at it) but can no longer sign in.
    const user = (await http().get(`/api/v1/users/${userId}`).set(as(api.admin.accessToken)).expect(200)).body;
    expect(user).toMatchObject({ name: 'Erased user', is_active: false, linked_employee_id: null });
    await http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(401);
    expect(await api.db.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE organization_id = $1 AND user_id = $2`, [api.admin.organizationId, userId])).toEqual([{ n: 0 }]);
    // Their IP addresses are gone from the audit log (the rows stay).
    const audit = await api.db.query(`SELECT action, ip FROM audit_logs WHERE organization_id = $1 AND (actor_id = $2 OR object_id = $2) AND action <> 'gdpr.erase'`, [api.admin.organizationId, userId]);
    expect(audit.map((r: { action: string }) => r.action)).toContain('login');
    expect(audit.filter((r: { ip: string | null }) => r.ip !== null)).toEqual([]);
  });

  it('answers a second erase, by user id or by the former employee id, with already_erased and no writes', async () => {
    const count = async () => (await api.db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [api.admin.organizationId]))[0].n;
    const rows = await count();
    for (const id of [userId, employeeId]) {
      const res = await gdprErase(api.app, api.admin.accessToken, { subject: 'employee', id }).expect(200);
      expect(res.body).toMatchObject({ already_erased: true, counts: { time_entries_pseudonymized: 0 } });
    }
    expect(await count()).toBe(rows);
    const [tombstone] = await api.db.query(`SELECT object_type, object_id, changes FROM audit_logs WHERE organization_id = $1 AND action = 'gdpr.erase'`, [api.admin.organizationId]);
    expect(tombstone).toMatchObject({ object_type: 'user', object_id: userId, changes: { subject: 'employee', employee_ref: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('erases an employee id that only time entries carry, once', async () => {
    const bare = `contractor-${tag}`;
    await track({ employee_id: bare, project_name: 'Outsourced' });
    await gdprExport(api.app, api.admin.accessToken, { subject: 'employee', id: bare }).expect(200);
    const first = await gdprErase(api.app, api.admin.accessToken, { subject: 'employee', id: bare }).expect(200);
    expect(first.body).toMatchObject({ already_erased: false, counts: { time_entries_pseudonymized: 1 } });
    expect(await findEverywhere(api.db, [bare])).toEqual([]);
    const second = await gdprErase(api.app, api.admin.accessToken, { subject: 'employee', id: bare }).expect(200);
    expect(second.body).toMatchObject({ already_erased: true, erased_at: first.body.erased_at });
    await gdprErase(api.app, api.admin.accessToken, { subject: 'employee', id: `nobody-${tag}` }).expect(404);
  });

  it('refuses to let admins erase themselves', async () => {
    const res = await gdprErase(api.app, api.admin.accessToken, { subject: 'employee', id: api.admin.userId }).expect(422);
    expect(res.body.details).toEqual([{ field: 'id', errors: ['you cannot erase yourself'] }]);
  });
});
