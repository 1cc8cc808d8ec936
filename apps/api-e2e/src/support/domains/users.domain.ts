import { PASSWORD, uniqueEmail, userWithRole } from '../org-fixture';
import { http, type DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'users',
  create: async (app, admin) => (await userWithRole(app, admin.accessToken, 'support')).id,
  bodies: { 'PATCH /api/v1/users/{id}': { name: 'Hijacked' } },
  audit: {
    'POST /api/v1/users': {
      call: async (app, admin) => {
        const email = uniqueEmail('new');
        const res = await http(app).post('/api/v1/users').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'New', email, password: PASSWORD, role: 'support', linked_employee_id: 'emp-42' }).expect(201);
        return {
          expected: {
            action: 'create',
            object_type: 'user',
            object_id: res.body.id,
            actor_id: admin.userId,
            changes: { name: { from: null, to: 'New' }, email: { from: null, to: email }, role: { from: null, to: 'support' }, linked_employee_id: { from: null, to: 'emp-42' }, is_active: { from: null, to: true } },
          },
        };
      },
    },
    'PATCH /api/v1/users/{id}': {
      setup: async (app, admin) => ({ id: (await userWithRole(app, admin.accessToken, 'sales')).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/users/${s.id}`).set('Authorization', `Bearer ${admin.accessToken}`).send({ role: 'manager', name: 'Promoted' }).expect(200);
        return { expected: { action: 'role_change', object_type: 'user', object_id: s.id, actor_id: admin.userId, changes: { role: { from: 'sales', to: 'manager' }, name: { from: 'A sales', to: 'Promoted' } } } };
      },
    },
  },
};
export default fixture;
