import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SignedUp, userWithRole } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

export async function createTask(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/tasks').set(auth(admin)).send({ title: 'Call Acme back', ...body }).expect(201);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'tasks',
  create: (app, admin) => createTask(app, admin),
  bodies: { 'PATCH /api/v1/tasks/{id}': { title: 'Hijacked' } },
  audit: {
    'POST /api/v1/tasks': {
      call: async (app, admin) => {
        const id = await createTask(app, admin, { title: 'Send proposal', priority: 'high', estimated_hours: '2.50' });
        return {
          expected: {
            action: 'create',
            object_type: 'task',
            object_id: id,
            actor_id: admin.userId,
            changes: { title: { from: null, to: 'Send proposal' }, priority: { from: null, to: 'high' }, status: { from: null, to: 'todo' }, estimated_hours: { from: null, to: '2.50' }, created_by: { from: null, to: admin.userId } },
          },
        };
      },
    },
    'PATCH /api/v1/tasks/{id}': {
      setup: async (app, admin) => ({ id: await createTask(app, admin, { title: 'Finish it' }) }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/tasks/${s.id}`).set(auth(admin)).send({ status: 'done' }).expect(200);
        return { expected: { action: 'update', object_type: 'task', object_id: s.id, actor_id: admin.userId, changes: { status: { from: 'todo', to: 'done' }, completed_at: { from: null } } } };
      },
    },
    'DELETE /api/v1/tasks/{id}': {
      setup: async (app, admin) => ({ id: await createTask(app, admin, { title: 'Doomed' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/tasks/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'task', object_id: s.id, actor_id: admin.userId, changes: { title: { from: 'Doomed', to: null } } } };
      },
    },
    'POST /api/v1/tasks/bulk-assign': {
      setup: async (app, admin) => ({ id: await createTask(app, admin, { title: 'Hand over' }), assignee: (await userWithRole(app, admin.accessToken, 'sales')).id }),
      call: async (app, admin, s) => {
        await http(app).post('/api/v1/tasks/bulk-assign').set(auth(admin)).send({ task_ids: [s.id], assigned_to: s.assignee }).expect(200);
        return { expected: { action: 'update', object_type: 'task', object_id: s.id, actor_id: admin.userId, changes: { assigned_to: { from: null, to: s.assignee } } } };
      },
    },
  },
};
export default fixture;
