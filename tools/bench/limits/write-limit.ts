// The write limit of POST /time-entries: a bare node-postgres client doing the minimal correct
// single-entry write — one transaction (one statement, autocommit) that inserts the entry, its
// audit row and its sealed outbox event, with the table's triggers (rollups) firing, exactly once
// per external_id (ON CONFLICT DO NOTHING: a re-sent entry writes no audit row or event), as a
// named prepared statement with UUIDv7 ids. What it leaves out is what the api adds on top: HTTP,
// authentication, validation, the mapping reads, the locking read of the external id.
import { Env, FieldCipher, SEALED, SealedColumns } from '@clockwork/server-core';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { BenchContext, percentile } from '../scenario';
import type { AgentEntry } from '../scenarios/entries';
import { preparedName } from './prepared-name';

/** The event payloads and audit rows of an entry written raw, as the api writes them. */
export class RawEntryRows {
  private readonly sealed: SealedColumns;

  constructor(
    private readonly ctx: BenchContext,
    private readonly accountOf: Map<string, string | null>,
  ) {
    this.sealed = new SealedColumns(new FieldCipher({ ENCRYPTION_KEYS: ctx.stack.env.ENCRYPTION_KEYS } as Env));
  }

  /** The entry as stored (its wire shape: the event payload), the audit diff, and its ids. */
  rows(e: AgentEntry, at: Date) {
    const org = this.ctx.seed.organizationId;
    const id = uuidv7();
    const eventId = uuidv7();
    const stamp = at.toISOString();
    const wire: Record<string, unknown> = {
      id, external_id: e.external_id, user_id: e.user_id, employee_id: null, deal_id: e.deal_id, task_id: null, account_id: this.accountOf.get(e.deal_id) ?? null,
      project_name: e.project_name, tags: e.tags, start_time: e.start_time, end_time: e.end_time, duration_seconds: e.duration_seconds, activity_type: e.activity_type,
      productivity_score: e.productivity_score, source: e.source, mapping_status: 'mapped', mapping_rule: 'explicit_deal', unmapped_reason: null, sync_status: 'pending',
      billable: true, source_updated_at: null, version: 1, created_at: stamp, updated_at: stamp,
    };
    const changes = Object.fromEntries(Object.entries(wire).filter(([, v]) => v !== null).map(([k, v]) => [k, { from: null, to: v }]));
    const payload = this.sealed.seal(SEALED.eventPayload, { organizationId: org, id: eventId }, JSON.stringify(wire));
    return { id, auditId: uuidv7(), eventId, wire, changes, payload, stamp };
  }
}

const STATEMENT = `WITH e AS (
  INSERT INTO time_entries (organization_id, id, external_id, user_id, deal_id, account_id, project_name, tags, start_time, end_time,
                            duration_seconds, activity_type, productivity_score, source, mapping_status, mapping_rule, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'mapped', 'explicit_deal', $15, $15)
  ON CONFLICT (organization_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
  RETURNING id),
a AS (
  INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, request_id)
  SELECT $1, $16, 'user', $17, 'create', 'time_entry', e.id, $18::jsonb, $19 FROM e)
INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload)
SELECT $1, $20, 'time_entry.mapped', 'time_entry', e.id, $21 FROM e`;

/** application_name of the write limit's PostgreSQL sessions (their CPU is told from the api's). */
export const WRITE_LIMIT_APPLICATION = 'clockwork-write-limit';

export interface WriteLimitRun {
  committed: number;
  seconds: number;
  latencies: number[];
}

/** The bare writer: a pool of `connections` and the one prepared statement. */
export class WriteLimit {
  private readonly pool: Pool;
  private readonly raw: RawEntryRows;

  constructor(
    private readonly ctx: BenchContext,
    accountOf: Map<string, string | null>,
    readonly connections: number,
    /** The audit rows' actor (the admin the api's requests run as). */
    private readonly actorId: string,
  ) {
    this.pool = new Pool({ connectionString: ctx.stack.env.DATABASE_URL, max: connections, application_name: WRITE_LIMIT_APPLICATION });
    this.raw = new RawEntryRows(ctx, accountOf);
  }

  /** One entry written; resolves true when it was stored (false: its external_id was there already). */
  async write(e: AgentEntry): Promise<boolean> {
    const r = this.raw.rows(e, new Date());
    const org = this.ctx.seed.organizationId;
    const res = await this.pool.query({
      name: preparedName('bench_write_limit', this.ctx.stack.env),
      text: STATEMENT,
      values: [org, r.id, e.external_id, e.user_id, e.deal_id, r.wire.account_id, e.project_name, e.tags, e.start_time, e.end_time, e.duration_seconds, e.activity_type,
        e.productivity_score, e.source, r.stamp, r.auditId, this.actorId, JSON.stringify(r.changes), `bench-${r.id}`, r.eventId, r.payload],
    });
    return res.rowCount === 1;
  }

  /** Closed loop: `connections` writers back to back for `seconds`. */
  async closedLoop(make: () => AgentEntry, seconds: number): Promise<WriteLimitRun> {
    const latencies: number[] = [];
    let committed = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: this.connections }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          if (await this.write(make())) committed++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    return { committed, seconds: (performance.now() - started) / 1000, latencies };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

export const p = (samples: number[], q: number) => Math.round(percentile(samples, q) * 100) / 100;
