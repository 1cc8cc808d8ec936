// 8. Retention at volume: `retentionRows` old time entries, audit rows and processed outbox
// events (COPY, retention-seed.ts), then the worker's own jobs apply them while small writes run
// beside (retention-probe.ts): the `time_entries` policy (delete), the `audit_logs` policy
// (anonymize), and housekeeping's outbox clean-up. Measured per step: rows/s (rows changed,
// counted with SQL before and after, over the job's wall time), the worker's longest transaction
// (writing: its row locks are held that long; the longest read-only statement beside it), and the slowest concurrent write against the same writes
// before the run. BENCH_RETENTION_ROWS overrides the scale's row count.
import { HOUSEKEEPING_JOB, QUEUES, RETENTION_JOB } from '@clockwork/shared-jobs';
import Bull from 'bull';
import { BenchContext, percentile, ResultRow, round, Scenario } from '../scenario';
import { sleep } from '../../dev/free-port';
import { seedRetentionRows } from './retention-seed';
import { Probe, ProbeResult, startProbe, TouchTarget } from './retention-probe';

interface Step {
  name: string;
  queue: string;
  job: string;
  policy?: { kind: 'time_entries' | 'audit_logs'; action: 'delete' | 'anonymize' };
  touch: TouchTarget;
  /** Rows of the organization the step has still to change (SQL, independent of the job's own count). */
  remaining: string;
  /**
   * The limit: the same change as one set-based statement (no chunks, no audit, no skipping of
   * locked rows), run in a transaction that is rolled back before the job runs.
   */
  oneStatement: string;
}

/** Runs `sql` in a transaction and rolls it back: its rows and how long it took (all row locks are held for that long). */
async function rolledBack(ctx: BenchContext, sql: string, org: string): Promise<{ rows: number; ms: number }> {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const started = performance.now();
    const result = await client.query(sql, [org]);
    const ms = performance.now() - started;
    await client.query('ROLLBACK');
    return { rows: result.rowCount ?? 0, ms };
  } finally {
    client.release();
  }
}

const OLD = `now() - interval '2 years'`;

async function runJob(ctx: BenchContext, queueName: string, job: string, data: object): Promise<unknown> {
  const queue = new Bull(queueName, { prefix: ctx.stack.env.QUEUE_PREFIX, redis: ctx.stack.env.REDIS_URL as string });
  try {
    const added = await queue.add(job, data, { removeOnComplete: true });
    return await added.finished();
  } finally {
    await queue.close();
  }
}

const worst = (samples: number[]) => round(Math.max(0, ...samples), 1);

export const retention: Scenario = {
  id: 'retention',
  title: 'retention at volume: rows/s, longest transaction, concurrent writes',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const org = ctx.seed.organizationId;
    const rows = Number(process.env.BENCH_RETENTION_ROWS) || ctx.scale.retentionRows;
    const [{ id: userId }] = (await ctx.pool.query(`SELECT id FROM users WHERE organization_id = $1 ORDER BY created_at LIMIT 1`, [org])).rows;
    const seeded = await seedRetentionRows(ctx.pool, org, userId, rows, ctx.log);
    const count = async (sql: string) => Number((await ctx.pool.query(sql, [org])).rows[0].n);
    const recentBefore = await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND start_time >= now() - interval '2 years'`);

    const steps: Step[] = [
      { name: 'time_entries delete', queue: QUEUES.retention, job: RETENTION_JOB, policy: { kind: 'time_entries', action: 'delete' },
        touch: { table: 'time_entries', ids: seeded.sampleEntries }, remaining: `SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND start_time < ${OLD}`,
        oneStatement: `DELETE FROM time_entries WHERE organization_id = $1 AND start_time < ${OLD}` },
      { name: 'audit_logs anonymize', queue: QUEUES.retention, job: RETENTION_JOB, policy: { kind: 'audit_logs', action: 'anonymize' },
        touch: { table: 'audit_logs', ids: seeded.sampleAudit }, remaining: `SELECT count(*) AS n FROM audit_logs WHERE organization_id = $1 AND created_at < ${OLD} AND actor_id IS NOT NULL`,
        oneStatement: `UPDATE audit_logs SET actor_id = NULL, ip = NULL, request_id = NULL, changes = coalesce((SELECT jsonb_object_agg(k, '"[erased]"'::jsonb) FROM jsonb_object_keys(changes) k), '{}'::jsonb)
          WHERE organization_id = $1 AND created_at < ${OLD} AND actor_id IS NOT NULL AND action NOT LIKE 'gdpr.%'` },
      { name: 'outbox_events housekeeping delete', queue: QUEUES.housekeeping, job: HOUSEKEEPING_JOB,
        touch: { table: 'audit_logs', ids: seeded.sampleAudit }, remaining: `SELECT count(*) AS n FROM outbox_events WHERE organization_id = $1 AND processed_at < ${OLD}`,
        oneStatement: `DELETE FROM outbox_events WHERE organization_id = $1 AND processed_at < ${OLD}` },
    ];

    // The same writes with nothing else running: what "waited" is measured against.
    let probe: Probe = startProbe(ctx.pool, org, userId, steps[0].touch);
    await sleep(3000);
    const baseline: ProbeResult = await probe.stop();
    const baseP99 = Math.max(percentile(baseline.insertMs, 99), percentile(baseline.touchMs, 99));
    ctx.log(`retention: concurrent writes alone: insert p99 ${round(percentile(baseline.insertMs, 99), 1)} ms, update p99 ${round(percentile(baseline.touchMs, 99), 1)} ms`);

    const out: ResultRow[] = [];
    for (const step of steps) {
      if (step.policy) await ctx.api.ok('PUT', `/api/v1/retention-policies/${step.policy.kind}`, { keep_months: 24, action: step.policy.action });
      const before = await count(step.remaining);
      const limit = await rolledBack(ctx, step.oneStatement, org);
      const limitRate = round(limit.rows / (limit.ms / 1000), 0);
      probe = startProbe(ctx.pool, org, userId, step.touch);
      const started = performance.now();
      const result = await runJob(ctx, step.queue, step.job, step.policy ? { organizationId: org } : {});
      const seconds = (performance.now() - started) / 1000;
      const seen = await probe.stop();
      if (step.policy) await ctx.api.ok('DELETE', `/api/v1/retention-policies/${step.policy.kind}`);
      const after = await count(step.remaining);
      const changed = before - after;
      const chunks = Array.isArray(result) ? (result as { chunks?: number }[]).reduce((s, r) => s + (r.chunks ?? 0), 0) : null;
      const writes = [...seen.insertMs, ...seen.touchMs];
      const slow = writes.filter((ms) => ms > 100).length;
      ctx.log(`retention: ${step.name}: ${changed.toLocaleString('en-US')} rows in ${round(seconds, 1)} s, longest writing transaction ${round(seen.longestTxMs, 0)} ms (read-only ${round(seen.longestReadMs, 0)} ms), slowest write ${worst(writes)} ms`);
      const note = `${changed.toLocaleString('en-US')} of ${before.toLocaleString('en-US')} old rows changed in ${round(seconds, 1)} s${chunks !== null ? ` (${chunks} chunks)` : ''}, ${after} left${after ? ' (locked by the concurrent writer when their chunk ran: skipped until the next run)' : ''}`;
      out.push(
        { scenario: 'retention', metric: `${step.name}, ${rows.toLocaleString('en-US')} old rows`, unit: 'rows/s', measured: round(changed / seconds, 0),
          baseline: limitRate, baselineLabel: 'one set-based statement, rolled back', ratio: round(changed / seconds / limitRate, 2), ratioKind: 'measured/baseline', targets: [], pass: null,
          note: `${note}; the limit changed ${limit.rows.toLocaleString('en-US')} rows in one statement in ${round(limit.ms, 0)} ms, holding every row lock that long` },
        { scenario: 'retention', metric: `${step.name}: longest writing transaction`, unit: 'ms', measured: round(seen.longestTxMs, 0),
          baseline: round(limit.ms, 0), baselineLabel: 'the one statement\'s transaction', ratio: round(seen.longestTxMs / limit.ms, 2), ratioKind: 'measured/baseline', targets: [{ kind: 'max', value: 1000, of: 'measured' }], pass: null,
          note: `sampled every 10 ms from pg_stat_activity (transactions with an xid): row locks are held this long at most, against the whole change in one transaction; longest read-only statement (the run's counts, no row locks) ${round(seen.longestReadMs, 0)} ms` },
        {
          scenario: 'retention', metric: `${step.name}: slowest concurrent small write`, unit: 'ms', measured: worst(writes), baseline: round(baseP99, 1), baselineLabel: 'p99 of the same writes alone',
          ratio: round(worst(writes) / baseP99, 1), ratioKind: 'measured/baseline', targets: [], pass: null,
          note: `${writes.length} writes beside the run: insert p99 ${round(percentile(seen.insertMs, 99), 1)} ms (max ${worst(seen.insertMs)}), update of an old row p99 ${round(percentile(seen.touchMs, 99), 1)} ms (max ${worst(seen.touchMs)}); ${slow} over 100 ms`,
        },
      );
    }
    const recentAfter = await count(`SELECT count(*) AS n FROM time_entries WHERE organization_id = $1 AND start_time >= now() - interval '2 years' AND employee_id IS DISTINCT FROM 'emp-probe'`);
    if (recentAfter !== recentBefore) throw new Error(`retention removed recent time entries: ${recentBefore} before, ${recentAfter} after`);
    return out;
  },
};
