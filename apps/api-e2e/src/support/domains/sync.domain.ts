import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';
import { createIntegration, sendCrmEvent } from './integrations.domain';
import { createTask } from './tasks.domain';

/**
 * A conflict the way the product makes one: the platform sends a title for a task that the CRM
 * changed later (no sync yet, so the later writer, the CRM, wins and the platform's value is
 * kept in the conflicts list). Returns the conflict's id and the task's.
 */
export async function createSyncConflict(app: INestApplication, admin: SignedUp, titles = { crm: 'Title in the CRM', remote: 'Title on the platform' }): Promise<{ id: string; taskId: string }> {
  const taskId = await createTask(app, admin, { title: titles.crm });
  const integration = await createIntegration(app, admin);
  const event = { type: 'task.updated', data: { id: taskId, title: titles.remote, updated_at: '2020-01-01T00:00:00Z' } };
  const res = await sendCrmEvent(app, integration.id, integration.signing_secret, event).expect(200);
  expect(res.body.result).toBe('conflict');
  const [row] = await app.get(DataSource).query(`SELECT id FROM sync_conflicts WHERE organization_id = $1 AND record_id = $2`, [admin.organizationId, taskId]);
  return { id: row.id, taskId };
}

const fixture: DomainFixture = {
  resource: 'sync/conflicts',
  create: async (app, admin) => (await createSyncConflict(app, admin)).id,
  bodies: { 'POST /api/v1/sync/conflicts/{id}/resolve': { keep: 'crm' } },
  audit: {
    'POST /api/v1/sync/conflicts/{id}/resolve': {
      setup: async (app, admin) => createSyncConflict(app, admin, { crm: 'Kept by the CRM', remote: 'Chosen from the platform' }),
      call: async (app, admin, s) => {
        const res = await request(app.getHttpServer()).post(`/api/v1/sync/conflicts/${s.id}/resolve`).set('Authorization', `Bearer ${admin.accessToken}`).send({ keep: 'remote' }).expect(200);
        expect(res.body).toMatchObject({ resolution: 'remote', winner: 'crm' });
        return {
          expected: {
            action: 'resolve',
            object_type: 'sync_conflict',
            object_id: s.id,
            actor_id: admin.userId,
            changes: { resolution: { from: null, to: 'remote' }, title: { from: 'Kept by the CRM', to: 'Chosen from the platform' }, record_id: s.taskId },
          },
        };
      },
    },
  },
};
export default fixture;
