/**
 * Runs SQL and answers its rows: a TypeORM DataSource or QueryRunner as `(sql, params) => db.query(sql, params)`,
 * a pg Client or Pool as `(sql, params) => db.query(sql, params).then((r) => r.rows)`.
 */
export type RowsQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Lock requests on `table` in the current database that PostgreSQL has not granted: the statements
 * waiting on its lock now. Read from pg_locks, live; not pg_stat_activity, whose text is still the
 * session's previous statement while a statement waits on a lock as it is parsed.
 */
export async function lockWaiters(query: RowsQuery, table: string): Promise<number> {
  const rows = await query(
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.relation = $1::regclass AND d.datname = current_database() AND NOT l.granted`,
    [table],
  );
  return Number(rows[0].n);
}

/**
 * Polls until at least `count` lock requests on `table` wait, and answers how many do (assert the
 * exact number on it); fails after the timeout naming the table and the last count seen.
 */
export async function waitForLockWaiters(query: RowsQuery, table: string, count: number, timeoutMs = 5_000, everyMs = 50): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await lockWaiters(query, table);
    if (seen >= count) return seen;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${count} lock requests on ${table} not granted (last count: ${seen})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
