import { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { createAccount } from './accounts.domain';
import { auth, http, recordCases, type DomainFixture } from './domain-fixture';

/** A small but real PDF (its bytes start with the PDF signature). */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export interface Upload {
  parent_type?: string;
  parent_id?: string;
  file?: Buffer;
  filename?: string;
  contentType?: string;
}

/** Sends `POST /attachments` as multipart/form-data; by default a PDF on a new account. */
export async function postAttachment(app: INestApplication, admin: SignedUp, upload: Upload = {}, token = admin.accessToken): Promise<request.Response> {
  const parentId = upload.parent_id ?? (await createAccount(app, admin, { name: 'Filed Corp' }));
  return http(app)
    .post('/api/v1/attachments')
    .set(auth(token))
    .field('parent_type', upload.parent_type ?? 'account')
    .field('parent_id', parentId)
    .attach('file', upload.file ?? SAMPLE_PDF, { filename: upload.filename ?? 'proposal.pdf', contentType: upload.contentType ?? 'application/pdf' });
}

/** Uploads an attachment (201 expected); returns its metadata. */
export async function uploadAttachment(app: INestApplication, admin: SignedUp, upload: Upload = {}, token = admin.accessToken) {
  const res = await postAttachment(app, admin, upload, token);
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; parent_id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; author_id: string | null };
}

const fixture: DomainFixture = {
  resource: 'attachments',
  create: async (app, admin) => (await uploadAttachment(app, admin)).id,
  audit: {
    'POST /api/v1/attachments': {
      setup: async (app, admin) => ({ account: await createAccount(app, admin, { name: 'Filed Corp' }) }),
      call: async (app, admin, s) => {
        const a = await uploadAttachment(app, admin, { parent_id: s.account, filename: 'q3-proposal.pdf' });
        return {
          expected: {
            action: 'create',
            object_type: 'attachment',
            object_id: a.id,
            actor_id: admin.userId,
            changes: {
              file_name: { from: null, to: 'q3-proposal.pdf' },
              content_type: { from: null, to: 'application/pdf' },
              size_bytes: { from: null, to: SAMPLE_PDF.length },
              sha256: { from: null, to: createHash('sha256').update(SAMPLE_PDF).digest('hex') },
              parent_id: { from: null, to: s.account },
            },
          },
        };
      },
    },
    ...recordCases({
      'DELETE /api/v1/attachments/{id}': { create: async (app, admin) => (await uploadAttachment(app, admin, { filename: 'doomed.pdf' })).id, expected: { action: 'delete', object_type: 'attachment', changes: { file_name: { from: 'doomed.pdf', to: null } } } },
    }),
  },
};
export default fixture;
