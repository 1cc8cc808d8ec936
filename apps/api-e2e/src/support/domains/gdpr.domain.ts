import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createContact } from './contacts.domain';
import type { DomainFixture } from './domain-fixture';

/** Reads a binary body (a zip) whole, as a Buffer in `res.body`. */
export function binaryParser(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** `POST /gdpr/export` as the given caller; the zip (if any) arrives as a Buffer in `body`. */
export function gdprExport(app: INestApplication, token: string, body: Record<string, unknown>): request.Test {
  return request(app.getHttpServer()).post('/api/v1/gdpr/export').set('Authorization', `Bearer ${token}`).send(body).buffer(true).parse(binaryParser);
}

/** `POST /gdpr/erase` as the given caller. */
export function gdprErase(app: INestApplication, token: string, body: Record<string, unknown>): request.Test {
  return request(app.getHttpServer()).post('/api/v1/gdpr/erase').set('Authorization', `Bearer ${token}`).send(body);
}

const fixture: DomainFixture = {
  resource: 'gdpr',
  audit: {
    'POST /api/v1/gdpr/export': {
      setup: async (app: INestApplication, admin: SignedUp) => ({ id: await createContact(app, admin, { first_name: 'Ada', last_name: 'Lovelace' }) }),
      call: async (app, admin, s) => {
        const res = await gdprExport(app, admin.accessToken, { subject: 'contact', id: s.id }).expect(200);
        expect(res.headers['content-type']).toBe('application/zip');
        return { expected: { action: 'gdpr.export', object_type: 'contact', object_id: s.id, actor_id: admin.userId, changes: { subject: 'contact', files: 0 } } };
      },
    },
    'POST /api/v1/gdpr/erase': {
      setup: async (app: INestApplication, admin: SignedUp) => ({ id: await createContact(app, admin, { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.test' }) }),
      call: async (app, admin, s) => {
        await gdprErase(app, admin.accessToken, { subject: 'contact', id: s.id, reason: 'DSR-1' }).expect(200);
        return { expected: { action: 'gdpr.erase', object_type: 'contact', object_id: s.id, actor_id: admin.userId, changes: { subject: 'contact', reason: 'DSR-1' } } };
      },
    },
  },
};
export default fixture;
