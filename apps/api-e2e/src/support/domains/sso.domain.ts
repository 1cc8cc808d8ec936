import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

/** `PUT /sso/config` as the organization's admin (no provider needs to run for this). */
export function putSsoConfig(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): request.Test {
  return request(app.getHttpServer())
    .put('/api/v1/sso/config')
    .set('Authorization', `Bearer ${admin.accessToken}`)
    .send({ issuer_url: 'https://login.acme.example', client_id: 'clockwork', client_secret: 'provider-secret', allowed_domains: ['acme.example'], ...body });
}

const fixture: DomainFixture = {
  resource: 'sso',
  audit: {
    'PUT /api/v1/sso/config': {
      call: async (app, admin) => {
        const res = await putSsoConfig(app, admin, { default_role: 'manager' }).expect(200);
        return {
          expected: {
            action: 'create',
            object_type: 'sso_config',
            object_id: res.body.id,
            actor_id: admin.userId,
            changes: { issuer_url: { from: null, to: 'https://login.acme.example' }, default_role: { from: null, to: 'manager' }, client_secret_changed: true },
          },
        };
      },
    },
  },
};
export default fixture;
