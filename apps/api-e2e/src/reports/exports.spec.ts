import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ReportExportBuilder } from '@clockwork/server-reports';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { postExport, requestExport } from '../support/domains/report-exports.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { createMigratedDatabase, dropDatabase, testDataSource } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';
import { seedRandomEntries } from './report-data';

const RANGE = { date_from: '2025-10-01', date_to: '2026-01-01' };
const TTL_SECONDS = 3;

const binary = (res: NodeJS.ReadableStream, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Report exports built by the worker: queued -> running -> done with progress on the row, the
 * file in the attachments storage, the same bytes as the synchronous export, a download link
 * that expires (410), only for the requester (or an admin), and the clean-up of old files.
 */
describe('report exports in the worker', () => {
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  let db: DataSource;
  let databaseName: string | undefined;
  let env: Record<string, string>;
  let admin: SignedUp;
  let manager: { id: string; token: string };
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const status = async (id: string, token = manager.token) => (await http().get(`/api/v1/reports/exports/${id}`).set(as(token)).expect(200)).body;
  const done = (id: string) => waitFor(`export ${id} done`, async () => ((await status(id)).status === 'done' ? status(id) : null));
  const download = (url: string) => http().get(url).buffer(true).parse(binary as never);

  beforeAll(async () => {
    const created = await createMigratedDatabase('ck_e2e_exports');
    databaseName = created.name;
    env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-exports`, REPORT_EXPORT_LINK_TTL_SECONDS: String(TTL_SECONDS), REPORT_EXPORT_RETENTION_HOURS: '1' };
    app = await createApiApp(env);
    db = app.get(DataSource);
    admin = await signup(app, 'Exports Org');
    manager = await userWithRole(app, admin.accessToken, 'manager');
    await seedRandomEntries(app, admin, 21, 250, 'e');
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('goes queued -> running -> done with progress, and downloads the same bytes as the synchronous CSV', async () => {
    const res = await postExport(app, manager.token, { report: 'time-per-user', params: { ...RANGE, group_by: 'week' }, format: 'csv' }).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    const id = res.body.id;
    expect(await status(id)).toMatchObject({ status: 'queued', progress: 0, download_url: null, user_id: manager.id });

    // Hold the rollups so the worker stops inside the run: it must show running with its progress.
    const blocker = testDataSource(env['DATABASE_URL']);
    await blocker.initialize();
    const lock = blocker.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE time_rollups, time_rollups_by_deal, time_rollups_by_user IN ACCESS EXCLUSIVE MODE');
    try {
      worker = await createWorkerApp(env);
      const running = await waitFor('running', async () => ((await status(id)).status === 'running' ? status(id) : null));
      expect(running.progress).toBeGreaterThan(0);
      expect(running.progress).toBeLessThan(100);
      expect(running.download_url).toBeNull();
    } finally {
      await lock.commitTransaction();
      await lock.release();
      await blocker.destroy();
    }
    const finished = await done(id);
    expect(finished).toMatchObject({ status: 'done', progress: 100, file_name: 'time-per-user.csv', error: null });
    expect(new Date(finished.download_expires_at).getTime() - Date.now()).toBeLessThanOrEqual(TTL_SECONDS * 1000);
    expect(finished.download_url).toMatch(new RegExp(`^/api/v1/reports/exports/${id}/download\\?token=`));

    const sync = await http().get(`/api/v1/reports/time-per-user?${new URLSearchParams({ ...RANGE, group_by: 'week', format: 'csv' })}`).set(as(manager.token)).buffer(true).parse(binary as never).expect(200);
    const file = await download(finished.download_url).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.headers['content-disposition']).toContain('time-per-user.csv');
    expect(Buffer.compare(file.body, sync.body)).toBe(0);
    expect(finished.size_bytes).toBe(sync.body.length);
    expect(sync.body.toString('utf8').split('\n').length).toBeGreaterThan(2);

    // The link expires: 410.
    await new Promise((r) => setTimeout(r, TTL_SECONDS * 1000 + 100));
    const gone = await http().get(finished.download_url).expect(410);
    expect(gone.body).toMatchObject({ statusCode: 410 });
    // A fresh GET gives a fresh link.
    await download((await status(id)).download_url).expect(200);
  });

  it('builds a PDF', async () => {
    const id = await requestExport(app, admin.accessToken, { report: 'pipeline', format: 'pdf' });
    const finished = await waitFor('pdf done', async () => ((await status(id, admin.accessToken)).status === 'done' ? status(id, admin.accessToken) : null));
    const file = await download(finished.download_url).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("is the requester's (and admins'): another manager gets 404; a forged or missing token never downloads", async () => {
    const id = await requestExport(app, manager.token, { report: 'revenue-vs-hours', params: RANGE, format: 'csv' });
    const finished = await done(id);
    const other = await userWithRole(app, admin.accessToken, 'manager');
    await http().get(`/api/v1/reports/exports/${id}`).set(as(other.token)).expect(404);
    expect((await status(id, admin.accessToken)).status).toBe('done');
    const token = new URL(finished.download_url, 'http://x').searchParams.get('token') as string;
    const [expires, mac] = token.split('.');
    await http().get(`/api/v1/reports/exports/${id}/download?token=${Number(expires) + 3600}.${mac}`).expect(404);
    await http().get(`/api/v1/reports/exports/${id}/download`).expect(400);
    const another = await requestExport(app, manager.token, { report: 'pipeline', format: 'csv' });
    await http().get(`/api/v1/reports/exports/${another}/download?token=${encodeURIComponent(token)}`).expect(404);
  });

  it('names bad fields', async () => {
    const body = await postExport(app, manager.token, { report: 'forecast', format: 'xlsx' }).expect(400);
    expect(body.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['format', 'report']);
    const params = await postExport(app, manager.token, { report: 'time-per-deal', format: 'csv', params: { date_from: '2026-01-10', date_to: '2026-01-01', deal_id: 'x' } }).expect(400);
    expect(params.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['params.date_to', 'params.deal_id']);
  });

  it('removes old export files and rows in the clean-up', async () => {
    const id = await requestExport(app, manager.token, { report: 'time-per-client', params: RANGE, format: 'csv' });
    const finished = await done(id);
    await db.query(`UPDATE report_exports SET created_at = now() - interval '2 hours' WHERE id = $1`, [id]);
    expect(await (worker as INestApplicationContext).get(ReportExportBuilder).cleanup()).toBeGreaterThanOrEqual(1);
    expect(await db.query(`SELECT id FROM report_exports WHERE id = $1`, [id])).toEqual([]);
    await http().get(finished.download_url).expect(404);
    await http().get(`/api/v1/reports/exports/${id}`).set(as(manager.token)).expect(404);
  });
});
