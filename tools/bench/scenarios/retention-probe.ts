// What a retention run does to everyone else, measured from outside the worker: the longest
// writing transaction of the worker (one with a transaction id: it holds row locks until it ends;
// sampled from pg_stat_activity every 10 ms), the longest read-only statement beside it (the
// run's counts: no row locks, but a snapshot held that long), and the latency of small writes running beside it, one that inserts a new time entry
// and one that updates an old row of the table under retention (it waits while a chunk holds it).
import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { sleep } from '../../dev/free-port';

export interface ProbeResult {
  longestTxMs: number;
  longestReadMs: number;
  insertMs: number[];
  touchMs: number[];
}

export interface Probe {
  stop(): Promise<ProbeResult>;
}

/** What the toucher updates: rows of `table` by id (a no-op update that still takes the row lock). */
export interface TouchTarget {
  table: 'time_entries' | 'audit_logs';
  ids: string[];
}

async function loop(pool: Pool, running: () => boolean, pauseMs: number, work: (client: PoolClient) => Promise<unknown>, samples?: number[]): Promise<void> {
  const client = await pool.connect();
  try {
    while (running()) {
      const started = performance.now();
      await work(client);
      samples?.push(performance.now() - started);
      await sleep(pauseMs);
    }
  } finally {
    client.release();
  }
}

/** Starts the sampler and both writers; `stop` ends them and returns what they saw. */
export function startProbe(pool: Pool, organizationId: string, userId: string, touch: TouchTarget): Probe {
  let running = true;
  const result: ProbeResult = { longestTxMs: 0, longestReadMs: 0, insertMs: [], touchMs: [] };
  let n = 0;
  const sampler = loop(pool, () => running, 10, async (client) => {
    const { rows } = await client.query<{ write: number | null; read: number | null }>(
      `SELECT max(ms) FILTER (WHERE backend_xid IS NOT NULL) AS write, max(ms) FILTER (WHERE backend_xid IS NULL) AS read
         FROM (SELECT backend_xid, extract(epoch FROM clock_timestamp() - xact_start)::float8 * 1000 AS ms FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'clockwork-worker' AND state <> 'idle' AND xact_start IS NOT NULL) a`,
    );
    result.longestTxMs = Math.max(result.longestTxMs, rows[0].write ?? 0);
    result.longestReadMs = Math.max(result.longestReadMs, rows[0].read ?? 0);
  });
  const inserter = loop(pool, () => running, 20, (client) => {
    const at = Date.now() - 86_400_000;
    return client.query(
      `INSERT INTO time_entries (organization_id, id, user_id, employee_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, unmapped_reason)
       VALUES ($1, $2, $3, 'emp-probe', $4, $5, 60, 'manual', 0.5, 'manual', 'unmapped', 'no_match')`,
      [organizationId, uuidv7(), userId, new Date(at).toISOString(), new Date(at + 60_000).toISOString()],
    );
  }, result.insertMs);
  const column = touch.table === 'time_entries' ? 'project_name' : 'request_id';
  const toucher = loop(pool, () => running, 20, (client) =>
    client.query(`UPDATE ${touch.table} SET ${column} = ${column} WHERE organization_id = $1 AND id = $2`, [organizationId, touch.ids[(n++ * 7919) % touch.ids.length]]),
  result.touchMs);
  return {
    stop: async () => {
      running = false;
      await Promise.all([sampler, inserter, toucher]);
      return result;
    },
  };
}
