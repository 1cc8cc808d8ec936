import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { pagedList } from '../support/paged-list';

interface Unlinked {
  employee_id: string;
  entries: number;
  total_seconds: number;
  first_seen: string;
  last_seen: string;
}

describe('unlinked employee ids and linking them to users', () => {
  const api = apiWithOrg('Unlinked Org');
  let other: SignedUp;
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, body: Record<string, unknown>) => http().post('/api/v1/time-entries').set(as(token)).send(timeEntryBody(body)).expect(201);
  const entryAt = <T extends Record<string, unknown>>(day: string, hours: number, extra: T) => {
    const start = new Date(`${day}T09:00:00.000Z`);
    const end = new Date(start.getTime() + hours * 3600_000);
    return { start_time: start.toISOString(), end_time: end.toISOString(), duration_seconds: hours * 3600, ...extra };
  };
  const allPages = (token: string, limit: number) => pagedList<Unlinked>(() => api.app, '/api/v1/time-entries/unlinked-employees').all({ accessToken: token }, limit);

  beforeAll(async () => {
    other = await signup(api.app, 'Other Unlinked Org');
  });

  it('lists employee ids no user is linked to, with counts and totals, newest first, page by page', async () => {
    const posted = [
      entryAt('2026-01-05', 1, { employee_id: 'emp-a' }),
      entryAt('2026-01-09', 2, { employee_id: 'emp-a' }),
      entryAt('2026-02-01', 3, { employee_id: 'emp-b' }),
      entryAt('2026-01-20', 1, { employee_id: 'emp-c' }),
      entryAt('2026-01-21', 1, { employee_id: 'emp-linked' }),
    ];
    const manager = await userWithRole(api.app, api.admin.accessToken, 'manager');
    await http().patch(`/api/v1/users/${manager.id}`).set(as(api.admin.accessToken)).send({ linked_employee_id: 'emp-linked' }).expect(200);
    for (const body of posted) await post(api.admin.accessToken, body);
    await post(other.accessToken, entryAt('2026-03-01', 5, { employee_id: 'emp-elsewhere' }));

    // The expected rows, computed from what was posted.
    const expected = ['emp-a', 'emp-b', 'emp-c'].map((id) => {
      const mine = posted.filter((p) => p.employee_id === id);
      const starts = mine.map((p) => p.start_time).sort();
      return { employee_id: id, entries: mine.length, total_seconds: mine.reduce((s, p) => s + p.duration_seconds, 0), first_seen: starts[0], last_seen: starts[starts.length - 1] };
    });
    expected.sort((a, b) => b.last_seen.localeCompare(a.last_seen));

    expect(await allPages(api.admin.accessToken, 1)).toEqual(expected);
    expect(await allPages(manager.token, 200)).toEqual(expected);
    const csv = await http().get('/api/v1/time-entries/unlinked-employees?format=csv').set(as(api.admin.accessToken)).expect(200);
    expect(csv.text.split('\n')[0]).toBe('employee_id,entries,total_seconds,first_seen,last_seen');
    expect(csv.text).toContain('emp-b,1,10800');

    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    await http().get('/api/v1/time-entries/unlinked-employees').set(as(sales.token)).expect(403);
    const bad = await http().get('/api/v1/time-entries/unlinked-employees?cursor=nope').set(as(api.admin.accessToken)).expect(400);
    expect(bad.body.details[0].field).toBe('cursor');
  });

  it('linking gives the user the earlier entries of the employee id (audited) and maps later ones on ingest', async () => {
    const person = await userWithRole(api.app, api.admin.accessToken, 'support');
    const early = await post(api.admin.accessToken, entryAt('2026-04-01', 2, { employee_id: 'emp-late-link' }));
    expect(early.body).toMatchObject({ user_id: null, unmapped_reason: 'unknown_employee' });

    const linked = await http().patch(`/api/v1/users/${person.id}`).set(as(api.admin.accessToken)).send({ linked_employee_id: 'emp-late-link' }).expect(200);
    expect(linked.body.linked_employee_id).toBe('emp-late-link');
    expect((await http().get(`/api/v1/time-entries/${early.body.id}`).set(as(api.admin.accessToken)).expect(200)).body.user_id).toBe(person.id);
    const audit = await http().get(`/api/v1/audit-logs?object_id=${person.id}`).set(as(api.admin.accessToken)).expect(200);
    expect(audit.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'time_entries_link', object_type: 'user', changes: { employee_id: 'emp-late-link', entries: 1 } })]));

    const later = await post(api.admin.accessToken, entryAt('2026-04-02', 1, { employee_id: 'emp-late-link' }));
    expect(later.body.user_id).toBe(person.id);
    expect((await allPages(api.admin.accessToken, 200)).map((u) => u.employee_id)).not.toContain('emp-late-link');

    // Another user may not take an employee id that is linked already: 409 naming the field.
    const second = await userWithRole(api.app, api.admin.accessToken, 'support');
    const taken = await http().patch(`/api/v1/users/${second.id}`).set(as(api.admin.accessToken)).send({ linked_employee_id: 'emp-late-link' }).expect(409);
    expect(taken.body.details).toEqual([{ field: 'linked_employee_id', errors: [expect.stringMatching(/already linked/)] }]);

    // Clearing the link leaves the entries with the user; new ones carry no user again.
    await http().patch(`/api/v1/users/${person.id}`).set(as(api.admin.accessToken)).send({ linked_employee_id: null }).expect(200);
    expect((await http().get(`/api/v1/time-entries/${early.body.id}`).set(as(api.admin.accessToken)).expect(200)).body.user_id).toBe(person.id);
    const afterUnlink = await post(api.admin.accessToken, entryAt('2026-04-03', 1, { employee_id: 'emp-late-link' }));
    expect(afterUnlink.body.user_id).toBeNull();
  });
});
