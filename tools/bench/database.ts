// The bench's own database: created fresh on the server of DATABASE_URL (or the local
// PostgreSQL), migrated with the project's migrations, dropped at the end unless --keep.
// With --replica it lives on a throw-away primary instead (tools/bench/topology.ts).
import { Client, Pool } from 'pg';
import { run } from '../dev/processes';

export interface BenchDatabase {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** The maintenance database of the server the bench creates its database on. */
export function serverUrl(): URL {
  const url = new URL(process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url;
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs the project's migrations (tools/db/migrate.ts) on the database at `url`. */
export async function migrateDatabase(url: string): Promise<void> {
  await run('migrate', process.execPath, ['-r', './tools/register.js', 'tools/db/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: url, DATABASE_DIRECT_URL: url, LOG_LEVEL: 'warn' },
    quiet: true,
  });
}

/** The bench's pool on a migrated database; `remove` runs once, on drop(). */
export function openDatabase(name: string, url: string, remove: () => Promise<void>): BenchDatabase {
  // Sessions in UTC, so dates in the raw baselines mean what the reports mean (UTC days).
  const pool = new Pool({ connectionString: url, max: 12, options: '-c timezone=UTC' });
  let dropped = false;
  return {
    name,
    url,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await remove();
    },
  };
}

export async function createBenchDatabase(name: string, log: (m: string) => void): Promise<BenchDatabase> {
  await onServer(`CREATE DATABASE "${name}"`);
  const url = serverUrl();
  url.pathname = `/${name}`;
  log(`database ${name} created; migrating`);
  await migrateDatabase(url.toString());
  return openDatabase(name, url.toString(), () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
