// The bulk limit of batch ingestion: per batch, one transaction of three COPY FROM STDIN — the
// entries, their audit rows and their sealed outbox events, as the api stores them (the rollup
// triggers fire on the entries) — same batches and concurrency as the api's run.
import { copyRows } from '../pg-copy';
import { BenchContext, pooled, timed } from '../scenario';
import type { AgentEntry } from '../scenarios/entries';
import { RawEntryRows } from './write-limit';

const ENTRY_COLUMNS = ['organization_id', 'id', 'external_id', 'user_id', 'employee_id', 'deal_id', 'account_id', 'project_name', 'tags', 'start_time', 'end_time',
  'duration_seconds', 'activity_type', 'productivity_score', 'source', 'mapping_status', 'mapping_rule', 'sync_status', 'billable', 'created_at', 'updated_at'];
const AUDIT_COLUMNS = ['organization_id', 'id', 'actor_type', 'actor_id', 'action', 'object_type', 'object_id', 'changes', 'request_id', 'created_at'];
const EVENT_COLUMNS = ['organization_id', 'id', 'type', 'aggregate_type', 'aggregate_id', 'payload', 'created_at'];

export async function bulkLimit(ctx: BenchContext, batches: AgentEntry[][], accountOf: Map<string, string | null>, actorId: string, concurrency: number): Promise<{ ms: number; stored: number }> {
  const raw = new RawEntryRows(ctx, accountOf);
  const org = ctx.seed.organizationId;
  const { ms, value } = await timed(() =>
    pooled(batches, concurrency, async (batch) => {
      const at = new Date();
      const written = batch.map((e) => ({ e, r: raw.rows({ ...e, external_id: `${e.external_id}-copy` }, at) }));
      const client = await ctx.pool.connect();
      try {
        await client.query('BEGIN');
        const stored = await copyRows(client, 'time_entries', ENTRY_COLUMNS, written.map(({ e, r }) => [
          org, r.id, r.wire.external_id, e.user_id, null, e.deal_id, r.wire.account_id, e.project_name, e.tags, e.start_time, e.end_time,
          e.duration_seconds, e.activity_type, e.productivity_score, e.source, 'mapped', 'explicit_deal', 'pending', true, r.stamp, r.stamp,
        ]));
        await copyRows(client, 'audit_logs', AUDIT_COLUMNS, written.map(({ r }) => [org, r.auditId, 'user', actorId, 'create', 'time_entry', r.id, JSON.stringify(r.changes), null, r.stamp]));
        await copyRows(client, 'outbox_events', EVENT_COLUMNS, written.map(({ r }) => [org, r.eventId, 'time_entry.mapped', 'time_entry', r.id, r.payload, r.stamp]));
        await client.query('COMMIT');
        return stored;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    }),
  );
  return { ms, stored: value.reduce((a, b) => a + b, 0) };
}
