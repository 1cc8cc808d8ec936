import type { DataSource } from 'typeorm';

/** Rows deleted per statement: short transactions, no long locks on a busy table. */
export const HOUSEKEEPING_CHUNK = 1000;

/** Runs `deleteChunk(chunk)` until it deletes fewer than `chunk` rows; returns the total deleted. */
export async function deleteInChunks(deleteChunk: (chunk: number) => Promise<number>, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteChunk(chunk);
    total += deleted;
    if (deleted < chunk) return total;
  }
}

/**
 * Runs a bounded DELETE (its `LIMIT $1` is the chunk, `params` follow as $2…) until a statement
 * deletes fewer than `chunk` rows; returns the total deleted.
 */
export function deleteRowsInChunks(dataSource: DataSource, sql: string, params: unknown[], chunk = HOUSEKEEPING_CHUNK): Promise<number> {
  return deleteInChunks(async (limit) => {
    const [, deleted] = await dataSource.query(sql, [limit, ...params]);
    return Number(deleted ?? 0);
  }, chunk);
}
