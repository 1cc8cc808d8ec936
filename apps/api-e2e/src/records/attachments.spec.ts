import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createAccount } from '../support/domains/accounts.domain';
import { postAttachment, SAMPLE_PDF, uploadAttachment } from '../support/domains/attachments.domain';
import { apiKeyWithRole, signup, SignedUp, userWithRole } from '../support/org-fixture';
import { insertParent } from '../support/parent-records';
import { startS3Server, TestS3 } from '../support/s3-server';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** supertest's parser for a binary body: the raw bytes. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
/** A 3 MB "zip": the signature, then random bytes (crosses many stream chunks). */
const bigZip = () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(3 * 1024 * 1024)]);
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]), Buffer.from('This program cannot be run in DOS mode.\r\n'), randomBytes(512)]);

/** Upload, list, read metadata and download on one app: the bytes come back identical. */
async function roundTrip(app: INestApplication, admin: SignedUp, file: Buffer, filename: string, contentType: string) {
  const http = () => request(app.getHttpServer());
  const as = { Authorization: `Bearer ${admin.accessToken}` };
  const account = await createAccount(app, admin);
  const created = await uploadAttachment(app, admin, { parent_id: account, file, filename, contentType });
  expect(created).toMatchObject({ parent_type: 'account', parent_id: account, file_name: filename, content_type: contentType, size_bytes: file.length, sha256: sha256(file), author_id: admin.userId });
  const list = await http().get(`/api/v1/attachments?parent_type=account&parent_id=${account}`).set(as).expect(200);
  expect(list.body).toEqual({ data: [created], next_cursor: null });
  expect((await http().get(`/api/v1/attachments/${created.id}`).set(as).expect(200)).body).toEqual(created);
  const download = await http().get(`/api/v1/attachments/${created.id}/content`).set(as).buffer(true).parse(binary).expect(200);
  expect(Buffer.compare(download.body as Buffer, file)).toBe(0);
  expect(download.headers['content-type']).toBe(contentType);
  expect(download.headers['content-length']).toBe(String(file.length));
  expect(download.headers['x-content-type-options']).toBe('nosniff');
  return { created, account, download };
}

describe('attachments', () => {
  describe('on local disk', () => {
    let app: INestApplication;
    let db: DataSource;
    let dir: string;
    let admin: SignedUp;
    let sales: { id: string; token: string };
    let support: { id: string; token: string };
    const http = () => request(app.getHttpServer());
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const rowsOf = async (org: string) => (await db.query(`SELECT count(*)::int AS n FROM attachments WHERE organization_id = $1`, [org]))[0].n as number;
    const filesOf = (org: string) => (existsSync(join(dir, org)) ? readdirSync(join(dir, org)) : []);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ck-attachments-local-'));
      app = await createApiApp({ STORAGE_DRIVER: 'local', ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_BYTES: String(4 * 1024 * 1024) });
      db = app.get(DataSource);
      admin = await signup(app, 'Attachments Org');
      sales = await userWithRole(app, admin.accessToken, 'sales');
      support = await userWithRole(app, admin.accessToken, 'support');
    });
    afterAll(async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('uploads, lists and downloads a file byte for byte, stored as <organization>/<id>, and deletes both', async () => {
      const file = bigZip();
      const { created, account, download } = await roundTrip(app, admin, file, 'Angebot für Müller "final".zip', 'application/zip');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="Angebot f_r M_ller _final_.zip"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller%20%22final%22.zip`);
      expect(readFileSync(join(dir, admin.organizationId, created.id)).equals(file)).toBe(true);

      await http().delete(`/api/v1/attachments/${created.id}`).set(as(admin.accessToken)).expect(204);
      expect(existsSync(join(dir, admin.organizationId, created.id))).toBe(false);
      await http().get(`/api/v1/attachments/${created.id}`).set(as(admin.accessToken)).expect(404);
      await http().get(`/api/v1/attachments/${created.id}/content`).set(as(admin.accessToken)).expect(404);
      expect((await http().get(`/api/v1/attachments?parent_type=account&parent_id=${account}`).set(as(admin.accessToken)).expect(200)).body.data).toEqual([]);
    });

    it('keeps only the base name of the uploaded file name', async () => {
      const a = await uploadAttachment(app, admin, { filename: '../../etc/notes.txt', file: Buffer.from('plain text\n'), contentType: 'text/plain' });
      expect(a.file_name).toBe('notes.txt');
      expect(filesOf(admin.organizationId)).toContain(a.id);
      expect(existsSync(join(dir, '..', 'etc'))).toBe(false);
    });

    it('answers 413 in the error shape for a file over ATTACHMENT_MAX_BYTES, and stores nothing', async () => {
      const org = await signup(app, 'Big Files Org');
      const res = await postAttachment(app, org, { file: Buffer.concat([SAMPLE_PDF, Buffer.alloc(4 * 1024 * 1024 + 1)]) });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: expect.any(String) });
      expect(await rowsOf(org.organizationId)).toBe(0);
      expect(filesOf(org.organizationId)).toEqual([]);
    });

    it('answers 415 for a type outside the allowlist, and for an executable renamed .pdf, and stores nothing', async () => {
      const org = await signup(app, 'Risky Files Org');
      const html = await postAttachment(app, org, { file: Buffer.from('<script>alert(1)</script>'), filename: 'page.html', contentType: 'text/html' });
      expect(html.status).toBe(415);
      expect(html.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type', message: expect.stringMatching(/^Files of type text\/html are not accepted; allowed: application\/pdf/) });
      expect(html.body.details).toEqual([{ field: 'file', errors: ['file type text/html is not accepted'] }]);
      const exe = await postAttachment(app, org, { file: EXE, filename: 'setup.exe', contentType: 'application/x-msdownload' });
      expect(exe.status).toBe(415);

      const renamed = await postAttachment(app, org, { file: EXE, filename: 'invoice.pdf', contentType: 'application/pdf' });
      expect(renamed.status).toBe(415);
      expect(renamed.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type', message: "The file's content is not application/pdf" });
      for (const [filename, contentType] of [['photo.png', 'image/png'], ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], ['readme.txt', 'text/plain']]) {
        expect((await postAttachment(app, org, { file: EXE, filename, contentType })).status).toBe(415);
      }
      expect(await rowsOf(org.organizationId)).toBe(0);
      expect(filesOf(org.organizationId)).toEqual([]);
    });

    it('answers 400 naming the missing file and parent fields', async () => {
      const account = await createAccount(app, admin);
      const noFile = await http().post('/api/v1/attachments').set(as(admin.accessToken)).field('parent_type', 'account').field('parent_id', account).expect(400);
      expect(noFile.body.details).toEqual([{ field: 'file', errors: ['file is required'] }]);
      const noParent = await http().post('/api/v1/attachments').set(as(admin.accessToken)).attach('file', SAMPLE_PDF, { filename: 'a.pdf', contentType: 'application/pdf' }).expect(400);
      expect(noParent.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['parent_id', 'parent_type']);
      const wrongField = await http().post('/api/v1/attachments').set(as(admin.accessToken)).field('parent_type', 'account').field('parent_id', account).attach('upload', SAMPLE_PDF, { filename: 'a.pdf', contentType: 'application/pdf' });
      expect(wrongField.status).toBe(400);
      await http().get('/api/v1/attachments').set(as(admin.accessToken)).expect(400);
    });

    it('follows the parent: support only on contacts and tasks; another organization is 404', async () => {
      const account = await createAccount(app, admin);
      const deal = await insertParent(db, admin.organizationId, 'deal');
      const contact = await insertParent(db, admin.organizationId, 'contact');
      const onAccount = await uploadAttachment(app, admin, { parent_id: account });
      const onDeal = await uploadAttachment(app, admin, { parent_type: 'deal', parent_id: deal });
      expect((await postAttachment(app, admin, { parent_type: 'deal', parent_id: deal }, support.token)).status).toBe(404);
      expect((await postAttachment(app, admin, { parent_id: account }, support.token)).status).toBe(404);
      for (const a of [onAccount, onDeal]) {
        await http().get(`/api/v1/attachments/${a.id}`).set(as(support.token)).expect(404);
        await http().get(`/api/v1/attachments/${a.id}/content`).set(as(support.token)).expect(404);
        await http().delete(`/api/v1/attachments/${a.id}`).set(as(support.token)).expect(404);
      }
      await http().get(`/api/v1/attachments?parent_type=deal&parent_id=${deal}`).set(as(support.token)).expect(404);
      const mine = await uploadAttachment(app, admin, { parent_type: 'contact', parent_id: contact, file: Buffer.from('a,b\n1,2\n'), filename: 'list.csv', contentType: 'text/csv' }, support.token);
      expect(mine.author_id).toBe(support.id);
      const got = await http().get(`/api/v1/attachments/${mine.id}/content`).set(as(support.token)).expect(200);
      expect(got.text).toBe('a,b\n1,2\n');

      const stranger = await signup(app, 'Stranger Files Org');
      const theirs = await uploadAttachment(app, stranger);
      const theirAccount = await createAccount(app, stranger);
      expect((await postAttachment(app, admin, { parent_id: theirAccount })).status).toBe(404);
      await http().get(`/api/v1/attachments?parent_type=account&parent_id=${theirAccount}`).set(as(admin.accessToken)).expect(404);
      for (const path of [`/api/v1/attachments/${theirs.id}`, `/api/v1/attachments/${theirs.id}/content`]) {
        const res = await http().get(path).set(as(admin.accessToken)).expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      await http().delete(`/api/v1/attachments/${theirs.id}`).set(as(admin.accessToken)).expect(404);
      expect(readFileSync(join(dir, stranger.organizationId, theirs.id))).toEqual(SAMPLE_PDF);
      await http().get(`/api/v1/attachments/${theirs.id}`).set(as(stranger.accessToken)).expect(200);
    });

    it('lets the uploader, admins and managers delete; other callers get 403 and the file stays', async () => {
      const managerUser = await userWithRole(app, admin.accessToken, 'manager');
      const otherSales = await userWithRole(app, admin.accessToken, 'sales');
      const salesKey = await apiKeyWithRole(app, admin.accessToken, 'sales');
      const a = await uploadAttachment(app, admin, {}, sales.token);
      for (const token of [otherSales.token, salesKey.key]) {
        const res = await http().delete(`/api/v1/attachments/${a.id}`).set(as(token)).expect(403);
        expect(res.body.message).toBe('Only the author of this attachment, admins and managers may change or delete it');
      }
      expect(filesOf(admin.organizationId)).toContain(a.id);
      await http().delete(`/api/v1/attachments/${a.id}`).set(as(sales.token)).expect(204);
      const b = await uploadAttachment(app, admin, {}, sales.token);
      await http().delete(`/api/v1/attachments/${b.id}`).set(as(managerUser.token)).expect(204);
      expect(filesOf(admin.organizationId)).not.toContain(b.id);
    });
  });

  describe('on an S3-compatible server (s3rver)', () => {
    let s3: TestS3;
    let app: INestApplication;
    let admin: SignedUp;
    const objectKey = (id: string) => `${admin.organizationId}/${id}`;

    beforeAll(async () => {
      s3 = await startS3Server();
      app = await createApiApp(s3.env);
      admin = await signup(app, 'S3 Org');
    });
    afterAll(async () => {
      await app?.close();
      await s3?.stop();
    });

    it('uploads, lists and downloads byte for byte, with the object in the bucket, and deletes both', async () => {
      const file = bigZip();
      const { created } = await roundTrip(app, admin, file, 'archive.zip', 'application/zip');
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: objectKey(created.id) }));
      expect(head.ContentLength).toBe(file.length);
      expect(head.ContentType).toBe('application/zip');
      const stored = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: objectKey(created.id) }));
      expect(Buffer.compare(Buffer.from((await stored.Body?.transformToByteArray()) ?? []), file)).toBe(0);

      const pdf = await roundTrip(app, admin, SAMPLE_PDF, 'proposal.pdf', 'application/pdf');
      expect(pdf.download.headers['content-disposition']).toBe(`attachment; filename="proposal.pdf"; filename*=UTF-8''proposal.pdf`);

      await request(app.getHttpServer()).delete(`/api/v1/attachments/${created.id}`).set('Authorization', `Bearer ${admin.accessToken}`).expect(204);
      await expect(s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: objectKey(created.id) }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
      await request(app.getHttpServer()).get(`/api/v1/attachments/${created.id}/content`).set('Authorization', `Bearer ${admin.accessToken}`).expect(404);
    });

    it('refuses a renamed executable without writing to the bucket', async () => {
      const res = await postAttachment(app, admin, { file: EXE, filename: 'invoice.pdf', contentType: 'application/pdf' });
      expect(res.status).toBe(415);
      const rows = await app.get(DataSource).query(`SELECT id FROM attachments WHERE organization_id = $1 AND file_name = 'invoice.pdf'`, [admin.organizationId]);
      expect(rows).toEqual([]);
    });
  });
});
