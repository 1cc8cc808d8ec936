import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { QUEUES, RETENTION_JOB } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDraftInvoice, issueInvoice } from '../support/billing-fixture';
import { createAccount } from '../support/domains/accounts.domain';
import { createContact } from '../support/domains/contacts.domain';
import { gdprErase } from '../support/domains/gdpr.domain';
import { createNote } from '../support/domains/notes.domain';
import { putRetentionPolicy } from '../support/domains/retention-policies.domain';
import { createTimeEntry } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';

interface Outcome {
  kind: string;
  action: string;
  affected: number;
  skipped_invoiced: number;
  chunks?: number;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const entryAt = (start: Date) => ({ start_time: start.toISOString(), end_time: new Date(start.getTime() + 3_600_000).toISOString(), duration_seconds: 3600 });

/**
 * Retention: admins set per-kind policies; the dry run counts what the worker's job then
 * deletes or anonymizes, in bounded chunks, with one summary audit row per policy; recent rows,
 * invoiced time entries and erasure tombstones stay.
 */
describe('retention policies and the retention job', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let stack: IsolatedStack | undefined;
  let admin: SignedUp;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const dryRun = async (): Promise<Outcome[]> => (await http().post('/api/v1/retention-policies/dry-run').set(as(admin.accessToken)).expect(200)).body.data;
  const byKind = (outcomes: Outcome[]) => Object.fromEntries(outcomes.map((o) => [o.kind, o]));
  const ids = { oldEntries: [] as string[], recentEntry: '', invoicedEntry: '', oldNotes: [] as string[], recentNote: '' };
  let oldAuditRows = 0;

  beforeAll(async () => {
    // A database and queue prefix of its own: this file's worker must not handle other files' jobs.
    stack = await startIsolatedStack('retention', { RETENTION_BATCH_SIZE: '2', OUTBOX_POLL_MS: '60000' });
    ({ app, worker, db } = stack);
    admin = await signup(app, 'Retention Org');

    for (const days of [400, 500, 600]) ids.oldEntries.push(await createTimeEntry(app, admin, { ...entryAt(daysAgo(days)), user_id: admin.userId, employee_id: `emp-${days}` }));
    ids.recentEntry = await createTimeEntry(app, admin, { ...entryAt(daysAgo(3)), user_id: admin.userId });
    const invoice = await createDraftInvoice(app, admin);
    await issueInvoice(app, admin, invoice);
    [{ time_entry_id: ids.invoicedEntry }] = await db.query(`SELECT time_entry_id FROM invoice_line_entries WHERE organization_id = $1`, [admin.organizationId]);
    // The invoiced entry (2026-03-02) is older than the 6-month cutoff only when the test runs after early September 2026.
    expect(new Date((await db.query(`SELECT start_time FROM time_entries WHERE id = $1`, [ids.invoicedEntry]))[0].start_time).getTime()).toBeLessThan(daysAgo(190).getTime());

    const account = await createAccount(app, admin, { name: 'Kept Corp' });
    for (let i = 0; i < 3; i++) ids.oldNotes.push((await createNote(app, admin, { parent_type: 'account', parent_id: account, body: `Old note ${i}`, is_private: i === 0 })).id);
    ids.recentNote = (await createNote(app, admin, { parent_type: 'account', parent_id: account, body: 'Fresh note' })).id;
    await db.query(`UPDATE notes SET created_at = now() - interval '2 years' WHERE organization_id = $1 AND id = ANY($2)`, [admin.organizationId, ids.oldNotes]);

    await gdprErase(app, admin.accessToken, { subject: 'contact', id: await createContact(app, admin, { first_name: 'Gone' }) }).expect(200);
    [{ n: oldAuditRows }] = await db.query(
      `WITH u AS (UPDATE audit_logs SET created_at = now() - interval '3 years' WHERE organization_id = $1 AND object_type IN ('account', 'note') RETURNING 1) SELECT count(*)::int AS n FROM u`,
      [admin.organizationId],
    );
    await db.query(`UPDATE audit_logs SET created_at = now() - interval '3 years' WHERE organization_id = $1 AND action LIKE 'gdpr.%'`, [admin.organizationId]);
  });
  afterAll(() => stack?.close());

  it('sets one policy per kind (PUT replaces it), lists them, and refuses bad input and other roles', async () => {
    await putRetentionPolicy(app, admin.accessToken, 'time_entries', { keep_months: 1, action: 'anonymize' }).expect(200);
    const replaced = await putRetentionPolicy(app, admin.accessToken, 'time_entries', { keep_months: 6, action: 'delete' }).expect(200);
    expect(replaced.body).toMatchObject({ kind: 'time_entries', keep_months: 6, action: 'delete', version: 2, last_applied_at: null });
    await putRetentionPolicy(app, admin.accessToken, 'notes', { keep_months: 12, action: 'anonymize' }).expect(200);
    await putRetentionPolicy(app, admin.accessToken, 'audit_logs', { keep_months: 12, action: 'anonymize' }).expect(200);
    const list = (await http().get('/api/v1/retention-policies').set(as(admin.accessToken)).expect(200)).body.data;
    expect(list.map((p: { kind: string }) => p.kind)).toEqual(['audit_logs', 'notes', 'time_entries']);

    const bad = await putRetentionPolicy(app, admin.accessToken, 'notes', { keep_months: 0, action: 'shred' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['action', 'keep_months']);
    const kind = await putRetentionPolicy(app, admin.accessToken, 'contacts', { keep_months: 3, action: 'delete' }).expect(400);
    expect(kind.body.details).toEqual([{ field: 'kind', errors: ['kind must be one of: time_entries, audit_logs, notes'] }]);
    const manager = await userWithRole(app, admin.accessToken, 'manager');
    await putRetentionPolicy(app, manager.token, 'notes', { keep_months: 1, action: 'delete' }).expect(403);
    await http().post('/api/v1/retention-policies/dry-run').set(as(manager.token)).expect(403);
  });

  let planned: Record<string, Outcome>;

  it('dry-runs: per kind how many rows the policies would change now, changing nothing', async () => {
    const auditBefore = (await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [admin.organizationId]))[0].n;
    planned = byKind(await dryRun());
    expect(planned.time_entries).toMatchObject({ action: 'delete', keep_months: 6, affected: 3, skipped_invoiced: 1 });
    expect(planned.notes).toMatchObject({ action: 'anonymize', affected: 3, skipped_invoiced: 0 });
    expect(planned.audit_logs).toMatchObject({ action: 'anonymize', affected: oldAuditRows });
    expect(oldAuditRows).toBeGreaterThanOrEqual(5);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [admin.organizationId]))[0].n).toBe(auditBefore);
  });

  it('the job changes exactly the counted rows, in chunks of RETENTION_BATCH_SIZE, and audits one summary per policy', async () => {
    const queue = worker.get<Queue>(getQueueToken(QUEUES.retention));
    const job = await queue.add(RETENTION_JOB, { organizationId: admin.organizationId });
    const runs = byKind((await job.finished()) as Outcome[]);
    for (const kind of ['time_entries', 'notes', 'audit_logs']) {
      expect(runs[kind]).toMatchObject({ affected: planned[kind].affected, skipped_invoiced: planned[kind].skipped_invoiced });
      expect(runs[kind].chunks).toBe(Math.ceil(planned[kind].affected / 2));
    }

    const entries = (await db.query(`SELECT id FROM time_entries WHERE organization_id = $1`, [admin.organizationId])).map((r: { id: string }) => r.id);
    expect(entries.sort()).toEqual([ids.recentEntry, ids.invoicedEntry].sort());
    const notes = await db.query(`SELECT id, body, author_id, is_private FROM notes WHERE organization_id = $1 ORDER BY id`, [admin.organizationId]);
    expect(notes.filter((n: { id: string }) => ids.oldNotes.includes(n.id))).toEqual(ids.oldNotes.map(() => expect.objectContaining({ body: '[erased]', author_id: null, is_private: false })));
    expect(notes.find((n: { id: string }) => n.id === ids.recentNote)).toMatchObject({ body: 'Fresh note', author_id: admin.userId });

    const old = await db.query(`SELECT action, actor_id, ip, changes FROM audit_logs WHERE organization_id = $1 AND created_at < now() - interval '1 year'`, [admin.organizationId]);
    const anonymized = old.filter((r: { action: string }) => !r.action.startsWith('gdpr.'));
    expect(anonymized).toHaveLength(oldAuditRows);
    for (const row of anonymized) {
      expect(row.actor_id).toBeNull();
      expect(Object.values(row.changes).every((v) => v === '[erased]')).toBe(true);
    }
    // Erasure tombstones are kept whole, whatever their age.
    expect(old.find((r: { action: string }) => r.action === 'gdpr.erase')).toMatchObject({ actor_id: admin.userId, changes: expect.objectContaining({ subject: 'contact' }) });

    const summaries = await db.query(`SELECT actor_type, actor_id, object_type, changes FROM audit_logs WHERE organization_id = $1 AND action = 'retention.apply' ORDER BY changes->>'kind'`, [admin.organizationId]);
    expect(summaries).toEqual(
      ['audit_logs', 'notes', 'time_entries'].map((kind) => ({
        actor_type: 'system',
        actor_id: null,
        object_type: 'retention_policy',
        changes: expect.objectContaining({ kind, affected: planned[kind].affected, chunks: runs[kind].chunks, invoice_claims_checked: true }),
      })),
    );
    const policies = (await http().get('/api/v1/retention-policies').set(as(admin.accessToken)).expect(200)).body.data;
    expect(policies.find((p: { kind: string }) => p.kind === 'time_entries')).toMatchObject({ last_affected: 3, last_applied_at: expect.any(String) });
  });

  it('leaves nothing more to do: a second dry run counts zero (the invoiced entry still skipped)', async () => {
    const again = byKind(await dryRun());
    expect(again.time_entries).toMatchObject({ affected: 0, skipped_invoiced: 1 });
    expect(again.notes.affected).toBe(0);
    expect(again.audit_logs.affected).toBe(0);
  });
});
