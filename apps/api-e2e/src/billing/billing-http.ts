import { INestApplication } from '@nestjs/common';
import request, { Response } from 'supertest';
import { createAccount } from '../support/domains/accounts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import type { SignedUp } from '../support/org-fixture';

export const as = (org: SignedUp | string) => ({ Authorization: `Bearer ${typeof org === 'string' ? org : org.accessToken}` });

/** Billing calls of one organization's admin. */
export function billingClient(app: INestApplication, admin: SignedUp) {
  const http = () => request(app.getHttpServer());
  return {
    http,
    account: (name: string) => createAccount(app, admin, { name }),
    deal: (name: string, account: string | null) => createDeal(app, admin, { name, account_id: account }),
    rate: async (body: Record<string, unknown>) => (await http().post('/api/v1/rates').set(as(admin)).send({ valid_from: '2026-01-01', ...body }).expect(201)).body,
    exchangeRate: async (body: Record<string, unknown>) => (await http().post('/api/v1/exchange-rates').set(as(admin)).send(body).expect(201)).body,
    /** Stores entries in batches; returns their ids in order. */
    entries: async (bodies: Record<string, unknown>[]): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < bodies.length; i += 1000) {
        const res = await http().post('/api/v1/time-entries/batch').set(as(admin)).send({ entries: bodies.slice(i, i + 1000).map((b) => timeEntryBody(b)) }).expect(200);
        for (const r of res.body.results) {
          if (r.status !== 'created') throw new Error(`entry not stored: ${JSON.stringify(r)}`);
          ids.push(r.id);
        }
      }
      return ids;
    },
    invoice: (body: Record<string, unknown>) => http().post('/api/v1/invoices').set(as(admin)).send({ period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', ...body }),
    get: (id: string) => http().get(`/api/v1/invoices/${id}`).set(as(admin)),
    move: (id: string, action: 'issue' | 'pay' | 'void', body: object = {}) => http().post(`/api/v1/invoices/${id}/${action}`).set(as(admin)).send(body),
  };
}

/** An entry of `seconds` starting on `day` at 09:00 UTC. */
export function entryOn(day: string, seconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const start = new Date(`${day}T09:00:00.000Z`);
  return { start_time: start.toISOString(), end_time: new Date(start.getTime() + seconds * 1000).toISOString(), duration_seconds: seconds, ...extra };
}

/** Collects a binary response body (PDF). */
export const binary = (res: Response, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

// One PDF text extraction for the api and browser e2e tests (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
export { pdfText } from '../../../../tools/testing/pdf-text';
