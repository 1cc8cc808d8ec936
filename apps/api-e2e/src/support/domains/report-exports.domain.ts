import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

/** `POST /reports/exports` as the given caller (202 expected by callers). */
export function postExport(app: INestApplication, token: string, body: Record<string, unknown>): request.Test {
  return request(app.getHttpServer()).post('/api/v1/reports/exports').set('Authorization', `Bearer ${token}`).send(body);
}

/** Asks for an export (202 expected); returns its id. */
export async function requestExport(app: INestApplication, token: string, body: Record<string, unknown> = { report: 'time-per-user', format: 'csv' }): Promise<string> {
  const res = await postExport(app, token, body);
  if (res.status !== 202) throw new Error(`POST /reports/exports answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'reports/exports',
  create: (app, admin: SignedUp) => requestExport(app, admin.accessToken),
  audit: {
    'POST /api/v1/reports/exports': {
      call: async (app, admin) => {
        const id = await requestExport(app, admin.accessToken, { report: 'pipeline', params: { stage: 'won' }, format: 'pdf' });
        return {
          expected: {
            action: 'create',
            object_type: 'report_export',
            object_id: id,
            actor_id: admin.userId,
            changes: { report: { from: null, to: 'pipeline' }, params: { from: null, to: { stage: 'won' } }, format: { from: null, to: 'pdf' } },
          },
        };
      },
    },
  },
};
export default fixture;
