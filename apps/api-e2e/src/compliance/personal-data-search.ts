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

/**
 * Searches every text-like column of every table for each value (case-insensitive, anywhere
 * in the text); returns `table.column: value` for each hit. Empty means the values are nowhere.
 */
export async function findEverywhere(db: DataSource, values: string[]): Promise<string[]> {
  const hits: string[] = [];
  const columns = await textColumns(db);
  for (const { table, column } of columns) {
    for (const value of values) {
      const like = `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`, [like]);
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
