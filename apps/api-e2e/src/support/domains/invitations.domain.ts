import { INestApplication } from '@nestjs/common';
import { uniqueEmail } from '../org-fixture';
import { http, type DomainFixture } from './domain-fixture';

const invite = async (app: INestApplication, token: string, email = uniqueEmail('invitee')) =>
  (await http(app).post('/api/v1/users/invitations').set('Authorization', `Bearer ${token}`).send({ name: 'Invitee', email, role: 'sales' }).expect(201)).body as { id: string; email: string };

const fixture: DomainFixture = {
  resource: 'users/invitations',
  create: async (app, admin) => (await invite(app, admin.accessToken)).id,
  audit: {
    'POST /api/v1/users/invitations': {
      call: async (app, admin) => {
        const email = uniqueEmail('invitee');
        const res = await invite(app, admin.accessToken, email);
        return {
          expected: {
            action: 'invite',
            object_type: 'invitation',
            object_id: res.id,
            actor_id: admin.userId,
            changes: { email: { from: null, to: email }, name: { from: null, to: 'Invitee' }, role: { from: null, to: 'sales' } },
          },
        };
      },
    },
    'DELETE /api/v1/users/invitations/{id}': {
      setup: async (app, admin) => ({ id: (await invite(app, admin.accessToken)).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/users/invitations/${s.id}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(204);
        return { expected: { action: 'revoke', object_type: 'invitation', object_id: s.id, actor_id: admin.userId } };
      },
    },
  },
};
export default fixture;
