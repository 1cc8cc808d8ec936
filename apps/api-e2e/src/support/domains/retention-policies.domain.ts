import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

/** `PUT /retention-policies/{kind}` as the given caller. */
export function putRetentionPolicy(app: INestApplication, token: string, kind: string, body: Record<string, unknown>): request.Test {
  return request(app.getHttpServer()).put(`/api/v1/retention-policies/${kind}`).set('Authorization', `Bearer ${token}`).send(body);
}

const fixture: DomainFixture = {
  resource: 'retention-policies',
  unaudited: { 'POST /api/v1/retention-policies/dry-run': 'A count of what the policies would change; it changes nothing' },
  audit: {
    'PUT /api/v1/retention-policies/{kind}': {
      call: async (app: INestApplication, admin: SignedUp) => {
        const res = await putRetentionPolicy(app, admin.accessToken, 'notes', { keep_months: 24, action: 'delete' }).expect(200);
        return {
          expected: { action: 'create', object_type: 'retention_policy', object_id: res.body.id, actor_id: admin.userId, changes: { kind: { from: null, to: 'notes' }, keep_months: { from: null, to: 24 }, action: { from: null, to: 'delete' } } },
        };
      },
    },
    'DELETE /api/v1/retention-policies/{kind}': {
      setup: async (app: INestApplication, admin: SignedUp) => ({ id: (await putRetentionPolicy(app, admin.accessToken, 'audit_logs', { keep_months: 12, action: 'anonymize' }).expect(200)).body.id }),
      call: async (app, admin, s) => {
        await request(app.getHttpServer()).delete('/api/v1/retention-policies/audit_logs').set('Authorization', `Bearer ${admin.accessToken}`).expect(204);
        return { expected: { action: 'delete', object_type: 'retention_policy', object_id: s.id, actor_id: admin.userId, changes: { keep_months: { from: 12, to: null } } } };
      },
    },
  },
};
export default fixture;
