import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

/** `POST /reports/rollups/check` as the given caller; returns the response (200 expected by callers). */
export function checkRollups(app: INestApplication, token: string, body: Record<string, unknown>): request.Test {
  return request(app.getHttpServer()).post('/api/v1/reports/rollups/check').set('Authorization', `Bearer ${token}`).send(body);
}

const fixture: DomainFixture = {
  resource: 'reports',
  audit: {
    'POST /api/v1/reports/rollups/check': {
      call: async (app: INestApplication, admin: SignedUp) => {
        const res = await checkRollups(app, admin.accessToken, { date_from: '2026-01-01', date_to: '2026-02-01' }).expect(200);
        expect(res.body).toMatchObject({ differing_keys: 0, span_differing_keys: 0, repaired: false, drift: [] });
        return {
          expected: {
            action: 'check',
            object_type: 'time_rollups',
            object_id: null,
            actor_id: admin.userId,
            changes: { date_from: '2026-01-01', date_to: '2026-02-01', differing_keys: 0, span_differing_keys: 0, price_differing_keys: 0, repaired: false },
          },
        };
      },
    },
  },
};
export default fixture;
