import { INestApplication } from '@nestjs/common';
import { SignedUp, userWithRole } from '../org-fixture';
import { auth, postCreated, http, recordCases, type DomainFixture } from './domain-fixture';

export async function createTask(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  return (await postCreated(app, admin.accessToken, '/api/v1/tasks', { title: 'Call Acme back', ...body })).id;
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
    ...recordCases({
      'PATCH /api/v1/tasks/{id}': { create: (app, admin) => createTask(app, admin, { title: 'Finish it' }), send: { status: 'done' }, expected: { action: 'update', object_type: 'task', changes: { status: { from: 'todo', to: 'done' }, completed_at: { from: null } } } },
      'DELETE /api/v1/tasks/{id}': { create: (app, admin) => createTask(app, admin, { title: 'Doomed' }), expected: { action: 'delete', object_type: 'task', changes: { title: { from: 'Doomed', to: null } } } },
    }),
    'POST /api/v1/tasks/bulk-assign': {
      setup: async (app, admin) => ({ id: await createTask(app, admin, { title: 'Hand over' }), assignee: (await userWithRole(app, admin.accessToken, 'sales')).id }),
      call: async (app, admin, s) => {
        await http(app).post('/api/v1/tasks/bulk-assign').set(auth(admin.accessToken)).send({ task_ids: [s.id], assigned_to: s.assignee }).expect(200);
        return { expected: { action: 'update', object_type: 'task', object_id: s.id, actor_id: admin.userId, changes: { assigned_to: { from: null, to: s.assignee } } } };
      },
    },
  },
};
export default fixture;
