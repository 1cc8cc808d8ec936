import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { http, type DomainFixture } from './domain-fixture';

export interface ImportUpload {
  kind?: 'accounts' | 'contacts';
  /** The CSV text or bytes... */
  csv?: string | Buffer;
  /** ...or the path of a CSV file to stream. */
  path?: string;
  fileName?: string;
  mapping?: Record<string, string | null>;
  dryRun?: boolean;
}

/** Sends `POST /imports` as multipart/form-data. */
export function postImport(app: INestApplication, token: string, upload: ImportUpload): request.Test {
  let req = http(app)
    .post('/api/v1/imports')
    .set('Authorization', `Bearer ${token}`)
    .field('kind', upload.kind ?? 'accounts');
  if (upload.mapping) req = req.field('mapping', JSON.stringify(upload.mapping));
  if (upload.dryRun !== undefined) req = req.field('dry_run', String(upload.dryRun));
  const file = upload.path ?? Buffer.from(upload.csv ?? '');
  return req.attach('file', file, { filename: upload.fileName ?? 'import.csv', contentType: 'text/csv' });
}

/** Starts an import as the given admin (202 expected); returns its id. */
export async function startImport(app: INestApplication, admin: SignedUp, upload: ImportUpload = { csv: 'Name\nTiny Co\n' }): Promise<string> {
  const res = await postImport(app, admin.accessToken, upload);
  if (res.status !== 202) throw new Error(`import answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'imports',
  create: (app, admin) => startImport(app, admin),
  audit: {
    'POST /api/v1/imports': {
      call: async (app, admin) => {
        const id = await startImport(app, admin, { kind: 'contacts', csv: 'First Name,E-mail,Shoe size\nAda,ada@acme.test,38\n', fileName: 'people.csv' });
        return {
          expected: {
            action: 'create',
            object_type: 'import',
            object_id: id,
            actor_id: admin.userId,
            changes: {
              kind: { from: null, to: 'contacts' },
              status: { from: null, to: 'pending' },
              file_name: { from: null, to: 'people.csv' },
              mapping: { from: null, to: { 'First Name': 'first_name', 'E-mail': 'email' } },
              unmapped_headers: { from: null, to: ['Shoe size'] },
            },
          },
        };
      },
    },
  },
};
export default fixture;
