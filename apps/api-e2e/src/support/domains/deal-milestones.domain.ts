import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createDeal } from './deals.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });
const BASE = '/api/v1/deals/{id}/milestones';

/** A fixed-fee deal with one planned milestone; returns both ids. */
async function dealWithMilestone(app: INestApplication, admin: SignedUp): Promise<{ id: string; milestone: string }> {
  const id = await createDeal(app, admin, { name: 'Fixed build', billing_model: 'fixed' });
  const res = await http(app).post(`/api/v1/deals/${id}/milestones`).set(auth(admin)).send({ name: 'Design', amount_cents: 250000, due_on: '2026-03-15' }).expect(201);
  return { id, milestone: res.body.id };
}

/** Milestones of fixed-fee deals (`/deals/{id}/milestones`); the record is the deal. */
const fixture: DomainFixture = {
  resource: 'deals/{id}/milestones',
  create: async (app, admin) => (await dealWithMilestone(app, admin)).id,
  bodies: {
    [`POST ${BASE}`]: { name: 'Design', amount_cents: 100, due_on: '2026-03-15' },
    [`PATCH ${BASE}/{milestoneId}`]: { name: 'Hijacked' },
    [`POST ${BASE}/{milestoneId}/reach`]: {},
  },
  audit: {
    [`POST ${BASE}`]: {
      setup: async (app, admin) => ({ id: await createDeal(app, admin, { name: 'Fixed audit', billing_model: 'fixed' }) }),
      call: async (app, admin, s) => {
        const res = await http(app).post(`/api/v1/deals/${s.id}/milestones`).set(auth(admin)).send({ name: 'Launch', amount_cents: 125050, due_on: '2026-04-15' }).expect(201);
        return { expected: { action: 'create', object_type: 'deal_milestone', object_id: res.body.id, actor_id: admin.userId, changes: { name: { from: null, to: 'Launch' }, amount_cents: { from: null, to: 125050 } } } };
      },
    },
    [`PATCH ${BASE}/{milestoneId}`]: {
      setup: (app, admin) => dealWithMilestone(app, admin),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/deals/${s.id}/milestones/${s.milestone}`).set(auth(admin)).send({ amount_cents: 260000 }).expect(200);
        return { expected: { action: 'update', object_type: 'deal_milestone', object_id: s.milestone, changes: { amount_cents: { from: 250000, to: 260000 } } } };
      },
    },
    [`POST ${BASE}/{milestoneId}/reach`]: {
      setup: (app, admin) => dealWithMilestone(app, admin),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/deals/${s.id}/milestones/${s.milestone}/reach`).set(auth(admin)).send({ reached_on: '2026-03-20' }).expect(200);
        return { expected: { action: 'reach', object_type: 'deal_milestone', object_id: s.milestone, changes: { status: { from: 'planned', to: 'reached' }, reached_on: { from: null, to: '2026-03-20' } } } };
      },
    },
    [`DELETE ${BASE}/{milestoneId}`]: {
      setup: (app, admin) => dealWithMilestone(app, admin),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/deals/${s.id}/milestones/${s.milestone}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'deal_milestone', object_id: s.milestone, changes: { name: { from: 'Design', to: null } } } };
      },
    },
  },
};
export default fixture;
