import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { SignedUp } from '../org-fixture';
import { createDeal } from './deals.domain';
import type { DomainFixture } from './domain-fixture';

/** Time entries of the organization written in SQL: `manual` decisions to the deal, or one auto-applied entry, or unmapped ones. */
async function entries(app: INestApplication, admin: SignedUp, dealId: string | null, mappingRule: string | null, count: number, text = 'audit'): Promise<string[]> {
  const rows: { id: string }[] = await app.get(DataSource).query(
    `INSERT INTO time_entries (organization_id, id, deal_id, employee_id, project_name, tags, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, mapping_rule, unmapped_reason)
     SELECT $1, gen_random_uuid(), $2, 'emp-' || $5, $5 || ' work', ARRAY[$5], now() - interval '2 hours', now() - interval '1 hour', 3600, 'app', 0.5, 'agent',
            CASE WHEN $2::uuid IS NULL THEN 'unmapped' ELSE 'mapped' END, $3, CASE WHEN $2::uuid IS NULL THEN 'no_match' END
       FROM generate_series(1, $4) RETURNING id`,
    [admin.organizationId, dealId, mappingRule, count, text],
  );
  return rows.map((r) => r.id);
}
const post = (app: INestApplication, admin: SignedUp, path: string, body: object) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${admin.accessToken}`).send(body);

const fixture: DomainFixture = {
  resource: 'insights',
  // The {id} of /insights/deals/{id}/win-probability is a deal (of /insights/auto-applied/{id}/undo: a 404 either way).
  create: (app, admin) => createDeal(app, admin, { name: 'Insights deal', value: 5000 }),
  audit: {
    'POST /api/v1/insights/win-model/train': {
      call: async (app, admin) => {
        const res = await request(app.getHttpServer()).post('/api/v1/insights/win-model/train').set('Authorization', `Bearer ${admin.accessToken}`).send({}).expect(202);
        expect(res.body).toEqual({ queued: true });
        return { expected: { action: 'request_training', object_type: 'win_model', object_id: null, actor_id: admin.userId } };
      },
    },
    'POST /api/v1/insights/suggested-rules/dismiss': {
      setup: async (app, admin) => ({ deal: await createDeal(app, admin, { name: 'Dismissed deal' }) }),
      call: async (app, admin, { deal }) => {
        await post(app, admin, '/api/v1/insights/suggested-rules/dismiss', { kind: 'tag', value: 'Design', deal_id: deal }).expect(204);
        return { expected: { action: 'dismiss', object_type: 'suggested_rule', actor_id: admin.userId, changes: { kind: 'tag', value: 'design', deal_id: deal } } };
      },
    },
    'POST /api/v1/insights/auto-apply': {
      // Five decisions to one deal, one to another, and one unmapped entry like the five: its suggestion (confidence above 0.99) is applied, as the system.
      setup: async (app, admin) => {
        const deal = await createDeal(app, admin, { name: 'Learned deal' });
        await entries(app, admin, deal, 'manual', 5);
        await entries(app, admin, await createDeal(app, admin, { name: 'Other deal' }), 'manual', 1, 'other');
        const [entry] = await entries(app, admin, null, null, 1);
        await request(app.getHttpServer()).patch('/api/v1/organization/settings').set('Authorization', `Bearer ${admin.accessToken}`).send({ auto_apply_suggestions: true }).expect(200);
        return { deal, entry };
      },
      call: async (app, admin, { deal, entry }) => {
        expect((await post(app, admin, '/api/v1/insights/auto-apply', {}).expect(200)).body).toMatchObject({ enabled: true, applied: 1 });
        return { expected: { action: 'update', object_type: 'time_entry', object_id: entry, actor_id: null, changes: { reason: 'suggestion', confidence: expect.any(Number), deal_id: { from: null, to: deal } } } };
      },
    },
    'POST /api/v1/insights/auto-applied/{id}/undo': {
      setup: async (app, admin) => {
        const deal = await createDeal(app, admin, { name: 'Auto-applied deal' });
        const [entry] = await entries(app, admin, deal, 'suggestion', 1);
        return { deal, entry };
      },
      call: async (app, admin, { deal, entry }) => {
        await post(app, admin, `/api/v1/insights/auto-applied/${entry}/undo`, {}).expect(200);
        return { expected: { action: 'update', object_type: 'time_entry', object_id: entry, actor_id: admin.userId, changes: { reason: 'undo_suggestion', deal_id: { from: deal, to: null } } } };
      },
    },
  },
};
export default fixture;
