import { getQueueToken } from '@nestjs/bull';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { QUEUES, RETENTION_JOB } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { putRetentionPolicy } from '../support/domains/retention-policies.domain';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';
import { signup, SignedUp } from '../support/org-fixture';

const CHUNK = 5;
/** Old time entries (not a multiple of the chunk) and old audit rows (a multiple of it). */
const OLD_ENTRIES = 23;
const OLD_AUDIT = 10;

interface Run {
  kind: string;
  affected: number;
  chunks: number;
}

/**
 * Retention commits in bounded chunks by key ranges: with RETENTION_BATCH_SIZE=5, N old rows are
 * changed in ceil(N/5) transactions, counted by the database itself (a trigger records the
 * transaction id of each deleted time entry; an anonymized audit row keeps its transaction's
 * xmin), each transaction over an id range above the previous one's; the newer rows stay.
 */
describe('retention commits in chunks of RETENTION_BATCH_SIZE by key ranges', () => {
  let stack: IsolatedStack | undefined;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: DataSource;
  let admin: SignedUp;
  let recentEntries: string[];
  let recentAudit: unknown[];
  const auditRows = (ids?: string[]) =>
    db.query(`SELECT id, actor_id, ip, request_id, changes FROM audit_logs WHERE organization_id = $1 AND created_at > now() - interval '1 day' AND ($2::uuid[] IS NULL OR id = ANY($2)) ORDER BY id`, [admin.organizationId, ids ?? null]);

  beforeAll(async () => {
    stack = await startIsolatedStack('retention_chunks', { RETENTION_BATCH_SIZE: String(CHUNK), OUTBOX_POLL_MS: '60000' });
    ({ app, worker, db } = stack);
    admin = await signup(app, 'Retention Chunks Org');
    const entries = (count: number, age: string) =>
      db.query(
        `INSERT INTO time_entries (organization_id, id, user_id, employee_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, unmapped_reason)
         SELECT $1, gen_random_uuid(), $2, 'emp-' || g, now() - ${age} - g * interval '1 hour', now() - ${age} - g * interval '1 hour' + interval '10 minutes',
                600, 'manual', 0.5, 'manual', 'unmapped', 'no_match'
           FROM generate_series(1, $3::int) g RETURNING id`,
        [admin.organizationId, admin.userId, count],
      );
    await entries(OLD_ENTRIES, `interval '3 years'`);
    recentEntries = (await entries(4, `interval '2 days'`)).map((r: { id: string }) => r.id).sort();
    await db.query(
      `INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, ip, created_at)
       SELECT $1, gen_random_uuid(), 'user', $2, 'account.updated', 'account', gen_random_uuid(), '{"name": ["a", "b"]}', '192.0.2.1', now() - interval '3 years' - g * interval '1 hour'
         FROM generate_series(1, $3::int) g`,
      [admin.organizationId, admin.userId, OLD_AUDIT],
    );
    recentAudit = await auditRows();
    expect(recentAudit.length).toBeGreaterThan(0);
    // The database's own record of which transaction deleted which entry.
    await db.query(`CREATE TABLE retention_deletions (txid bigint NOT NULL, id uuid NOT NULL)`);
    await db.query(`CREATE FUNCTION record_retention_deletion() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO retention_deletions VALUES (txid_current(), OLD.id); RETURN OLD; END $$`);
    await db.query(`CREATE TRIGGER record_retention_deletion AFTER DELETE ON time_entries FOR EACH ROW EXECUTE FUNCTION record_retention_deletion()`);
  });
  afterAll(() => stack?.close());

  it(`changes ${OLD_ENTRIES} and ${OLD_AUDIT} old rows in ceil(N/${CHUNK}) transactions over ascending id ranges, and keeps the newer rows`, async () => {
    await putRetentionPolicy(app, admin.accessToken, 'time_entries', { keep_months: 12, action: 'delete' }).expect(200);
    await putRetentionPolicy(app, admin.accessToken, 'audit_logs', { keep_months: 12, action: 'anonymize' }).expect(200);
    const queue = worker.get<Queue>(getQueueToken(QUEUES.retention));
    const runs = Object.fromEntries(((await (await queue.add(RETENTION_JOB, { organizationId: admin.organizationId })).finished()) as Run[]).map((r) => [r.kind, r]));

    // Deleted entries: one transaction per chunk, each a range of ids above the previous one's.
    const deletions = (await db.query(`SELECT txid::text, array_agg(id::text ORDER BY id) AS ids FROM retention_deletions GROUP BY txid ORDER BY txid`)) as { ids: string[] }[];
    expect(deletions.map((d) => d.ids.length)).toEqual([5, 5, 5, 5, 3]);
    expect(deletions).toHaveLength(Math.ceil(OLD_ENTRIES / CHUNK));
    const ranges = deletions.map((d) => [d.ids[0], d.ids[d.ids.length - 1]]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0] > ranges[i - 1][1]).toBe(true);
    expect(runs.time_entries).toMatchObject({ affected: OLD_ENTRIES, chunks: deletions.length });
    const left = (await db.query(`SELECT id FROM time_entries WHERE organization_id = $1 ORDER BY id`, [admin.organizationId])).map((r: { id: string }) => r.id);
    expect(left).toEqual(recentEntries);

    // Anonymized audit rows: the transactions that wrote them (xmin), a multiple of the chunk.
    const anonymized = (await db.query(
      `SELECT xmin::text AS tx, count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND created_at < now() - interval '1 year' AND actor_id IS NULL AND ip IS NULL GROUP BY xmin ORDER BY xmin::text::bigint`,
      [admin.organizationId],
    )) as { n: number }[];
    expect(anonymized.map((a) => a.n)).toEqual([5, 5]);
    expect(anonymized).toHaveLength(Math.ceil(OLD_AUDIT / CHUNK));
    expect(runs.audit_logs).toMatchObject({ affected: OLD_AUDIT, chunks: anonymized.length });
    // The newer audit rows (sign-up) are as they were.
    expect(await auditRows((recentAudit as { id: string }[]).map((r) => r.id))).toEqual(recentAudit);
  });
});
