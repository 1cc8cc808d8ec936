// Old rows for the retention scenario, loaded with COPY (pg-copy.ts) through the tables' own
// triggers (the time rollups follow the entries): time entries, audit rows and processed outbox
// events, all older than the policies' cutoff, plus a few recent ones that must stay.
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { copyRows } from '../pg-copy';

const DAY = 86_400_000;
/** Rows per COPY statement (and per rollup trigger's transition table). */
const COPY_BATCH = 50_000;

/** A UUIDv7 for an instant: ids follow time as the product's do. */
const idAt = (ms: number) => uuidv7({ msecs: ms });

export interface RetentionSeed {
  oldEntries: number;
  recentEntries: number;
  oldAudit: number;
  oldOutbox: number;
  /** Ids of a sample of old rows, for the concurrent writer that touches rows under retention. */
  sampleEntries: string[];
  sampleAudit: string[];
}

async function copyInBatches(pool: Pool, table: string, columns: string[], total: number, row: (i: number) => unknown[], log: (m: string) => void): Promise<void> {
  for (let lo = 0; lo < total; lo += COPY_BATCH) {
    const rows = Array.from({ length: Math.min(COPY_BATCH, total - lo) }, (_, k) => row(lo + k));
    const client = await pool.connect();
    try {
      await copyRows(client, table, columns, rows);
    } finally {
      client.release();
    }
    if ((lo / COPY_BATCH) % 5 === 4) log(`  ${table}: ${(lo + rows.length).toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
  }
}

/** Seeds `rows` old time entries, audit rows and processed outbox events (three years old) and `rows / 100` recent time entries. */
export async function seedRetentionRows(pool: Pool, organizationId: string, userId: string, rows: number, log: (m: string) => void): Promise<RetentionSeed> {
  const oldStart = Date.now() - 3 * 365 * DAY;
  const recent = Math.max(1, Math.floor(rows / 100));
  const sampleEvery = Math.max(1, Math.floor(rows / 2000));
  const sampleEntries: string[] = [];
  const sampleAudit: string[] = [];
  const entry = (at: number, i: number) => {
    const id = idAt(at);
    return [organizationId, id, userId, `emp-ret-${i % 50}`, new Date(at).toISOString(), new Date(at + 600_000).toISOString(), 600, 'manual', 0.5, 'manual', 'unmapped', 'no_match', new Date(at).toISOString(), new Date(at).toISOString()];
  };
  const entryColumns = ['organization_id', 'id', 'user_id', 'employee_id', 'start_time', 'end_time', 'duration_seconds', 'activity_type', 'productivity_score', 'source', 'mapping_status', 'unmapped_reason', 'created_at', 'updated_at'];
  log(`retention: copying ${rows.toLocaleString('en-US')} old time entries, audit rows and outbox events, ${recent.toLocaleString('en-US')} recent entries`);
  await copyInBatches(pool, 'time_entries', entryColumns, rows, (i) => {
    const row = entry(oldStart + i * 30_000, i);
    if (i % sampleEvery === 0) sampleEntries.push(row[1] as string);
    return row;
  }, log);
  await copyInBatches(pool, 'time_entries', entryColumns, recent, (i) => entry(Date.now() - 10 * DAY + i * 1000, i), log);
  await copyInBatches(pool, 'audit_logs', ['organization_id', 'id', 'actor_type', 'actor_id', 'action', 'object_type', 'object_id', 'changes', 'request_id', 'ip', 'created_at'], rows, (i) => {
    const at = oldStart + i * 30_000;
    const id = idAt(at);
    if (i % sampleEvery === 0) sampleAudit.push(id);
    return [organizationId, id, 'user', userId, 'account.updated', 'account', idAt(at - 1), JSON.stringify({ name: [`Old ${i}`, `New ${i}`] }), `req-${i}`, '192.0.2.1', new Date(at).toISOString()];
  }, log);
  // Processed long ago; the table takes only sealed payloads (housekeeping deletes them unread).
  await copyInBatches(pool, 'outbox_events', ['organization_id', 'id', 'type', 'aggregate_type', 'aggregate_id', 'payload', 'created_at', 'dispatched_at', 'processed_at'], rows, (i) => {
    const at = new Date(oldStart + i * 30_000).toISOString();
    return [organizationId, idAt(oldStart + i * 30_000), 'account.updated', 'account', idAt(oldStart), 'enc:v1:bench-retention', at, at, at];
  }, log);
  await pool.query('ANALYZE time_entries, audit_logs, outbox_events');
  return { oldEntries: rows, recentEntries: recent, oldAudit: rows, oldOutbox: rows, sampleEntries, sampleAudit };
}
