import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
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

/**
 * A finished SSO login waiting for its exchange, as the callback leaves it in Redis (the code's
 * hash, single use): the audit case needs no provider to exchange one.
 */
async function finishedLogin(admin: SignedUp): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    const key = `${process.env.QUEUE_PREFIX}:sso:code:${createHash('sha256').update(code).digest('hex')}`;
    await redis.set(key, JSON.stringify({ organizationId: admin.organizationId, userId: admin.userId, details: { method: 'sso', issuer: 'https://login.acme.example', subject: 'sub-1' } }), 'PX', 60_000);
  } finally {
    redis.disconnect();
  }
  return code;
}

const fixture: DomainFixture = {
  resource: 'sso',
  audit: {
    'POST /api/v1/auth/sso/exchange': {
      setup: async (_app, admin) => ({ code: await finishedLogin(admin) }),
      call: async (app, admin, s) => {
        await request(app.getHttpServer()).post('/api/v1/auth/sso/exchange').send({ code: s.code }).expect(200);
        return { expected: { action: 'login', object_type: 'user', object_id: admin.userId, actor_id: admin.userId, changes: { method: 'sso', issuer: 'https://login.acme.example', subject: 'sub-1' } } };
      },
    },
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
