import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../support/api-app';
import { createRate } from '../support/billing-fixture';
import { createIntegration } from '../support/domains/integrations.domain';
import { createMappingRule } from '../support/domains/mapping-rules.domain';
import { createTimeEntry } from '../support/domains/time-entries.domain';
import { signup, SignedUp, uniqueEmail, userWithRole } from '../support/org-fixture';

interface Step {
  id: string;
  done: boolean;
  link: string;
}

describe('GET /onboarding: the checklist ticks each step from the organization\'s data', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const onboarding = async (token: string): Promise<{ steps: Step[]; complete: boolean; dismissed: boolean }> => (await http().get('/api/v1/onboarding').set(as(token)).expect(200)).body;
  const done = async (org: SignedUp) => (await onboarding(org.accessToken)).steps.filter((s) => s.done).map((s) => s.id);

  beforeAll(async () => {
    app = await createApiApp();
  });
  afterAll(() => app.close());

  it('starts with every step open, each with the page where it is done', async () => {
    const org = await signup(app, 'Fresh Org');
    expect(await onboarding(org.accessToken)).toEqual({
      complete: false,
      dismissed: false,
      steps: [
        { id: 'connect_platform', done: false, link: '/integrations' },
        { id: 'first_time_entries', done: false, link: '/integrations' },
        { id: 'link_employees', done: false, link: '/settings' },
        { id: 'first_mapping_rule', done: false, link: '/time-entries?view=rules' },
        { id: 'invite_team', done: false, link: '/settings' },
        { id: 'set_rates', done: false, link: '/settings?tab=rates' },
      ],
    });
  });

  it('ticks off each step once its data exists, and only that step, until complete', async () => {
    const org = await signup(app, 'Onboarding Org');
    const stranger = await signup(app, 'Onboarding Stranger');
    const expected: string[] = [];
    const tick = async (id: string, make: () => Promise<unknown>) => {
      await make();
      expected.push(id);
      expect(await done(org)).toEqual(expected);
    };
    await tick('connect_platform', () => createIntegration(app, org));
    await tick('first_time_entries', () => createTimeEntry(app, org, { project_name: 'Onboarding' }));
    await tick('link_employees', () => http().patch(`/api/v1/users/${org.userId}`).set(as(org.accessToken)).send({ linked_employee_id: 'emp-onboarding' }).expect(200));
    await tick('first_mapping_rule', () => createMappingRule(app, org));
    await tick('invite_team', () => http().post('/api/v1/users/invitations').set(as(org.accessToken)).send({ name: 'Teammate', email: uniqueEmail('teammate'), role: 'sales' }).expect(201));
    await tick('set_rates', () => createRate(app, org));
    expect((await onboarding(org.accessToken)).complete).toBe(true);
    // Another organization's data ticks nothing here, and this one's nothing there.
    expect(await done(stranger)).toEqual([]);
  });

  it('counts a second user as the team, and a revoked invitation not', async () => {
    const org = await signup(app, 'Team Org');
    const invitation = (await http().post('/api/v1/users/invitations').set(as(org.accessToken)).send({ name: 'Gone', email: uniqueEmail('gone'), role: 'sales' }).expect(201)).body;
    await http().delete(`/api/v1/users/invitations/${invitation.id}`).set(as(org.accessToken)).expect(204);
    expect(await done(org)).toEqual([]);
    const manager = await userWithRole(app, org.accessToken, 'manager');
    expect(await done(org)).toEqual(['invite_team']);
    // Managers read it too; sales and support do not.
    expect((await onboarding(manager.token)).steps.find((s) => s.id === 'invite_team')?.done).toBe(true);
    const sales = await userWithRole(app, org.accessToken, 'sales');
    await http().get('/api/v1/onboarding').set(as(sales.token)).expect(403);
  });

  it('is dismissed for the whole organization by an admin, once (one audit row), and for that organization only', async () => {
    const org = await signup(app, 'Dismissing Org');
    const other = await signup(app, 'Other Org');
    const manager = await userWithRole(app, org.accessToken, 'manager');
    await http().post('/api/v1/onboarding/dismiss').set(as(manager.token)).send({}).expect(403);
    await http().post('/api/v1/onboarding/dismiss').set(as(org.accessToken)).send({ undo: true }).expect(400);
    const first = await http().post('/api/v1/onboarding/dismiss').set(as(org.accessToken)).send({}).expect(200);
    expect(first.body).toMatchObject({ dismissed: true, complete: false });
    await http().post('/api/v1/onboarding/dismiss').set(as(org.accessToken)).send({}).expect(200);
    // The manager of the organization sees it dismissed too; the other organization does not.
    expect((await onboarding(manager.token)).dismissed).toBe(true);
    expect((await onboarding(other.accessToken)).dismissed).toBe(false);
    const audit = await http().get('/api/v1/audit-logs?object_type=onboarding').set(as(org.accessToken)).expect(200);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({ action: 'dismiss', actor_id: org.userId, changes: { dismissed: { from: false, to: true } } });
    // Dismissing hides; the steps still tick from data.
    await createRate(app, org);
    expect(await done(org)).toEqual(['invite_team', 'set_rates']);
  });
});
