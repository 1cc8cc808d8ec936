import { unzipSync } from 'fflate';
import { DataSource } from 'typeorm';

/** Every text-like column (text, varchar, char, json, jsonb, text[], varchar[]) of every table of the public schema. */
export async function textColumns(db: DataSource): Promise<{ table: string; column: string }[]> {
  return db.query(
    `SELECT c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public'
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.udt_name IN ('_text', '_varchar', '_bpchar'))
      ORDER BY 1, 2`,
  );
}

/** Every bytea column of every table of the public schema (stored files' pieces, say). */
export async function byteaColumns(db: DataSource): Promise<{ table: string; column: string }[]> {
  return db.query(
    `SELECT c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.data_type = 'bytea'
      ORDER BY 1, 2`,
  );
}

/**
 * Searches every text-like column (jsonb and arrays as their text) and every bytea column (as
 * escaped bytes: ASCII stays readable) of every table for each value (case-insensitive, anywhere);
 * returns `table.column: value` for each hit. Empty means the values are nowhere in plain text.
 */
export async function findEverywhere(db: DataSource, values: string[]): Promise<string[]> {
  const hits: string[] = [];
  const columns = [...(await textColumns(db)).map((c) => ({ ...c, expr: `"${c.column}"::text` })), ...(await byteaColumns(db)).map((c) => ({ ...c, expr: `encode("${c.column}", 'escape')` }))];
  for (const { table, column, expr } of columns) {
    for (const value of values) {
      const like = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${expr} ILIKE $1`, [like]);
      if (n > 0) hits.push(`${table}.${column}: ${value}`);
    }
  }
  return hits;
}

/** The files of a zip archive, by name. */
export function unzip(buffer: Buffer): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(buffer))).map(([name, bytes]) => [name, Buffer.from(bytes)]));
}

export const json = <T = unknown>(files: Record<string, Buffer>, name: string): T => JSON.parse(files[name].toString('utf8')) as T;
