// The bench's own database: created fresh on the server of DATABASE_URL (or the local
// PostgreSQL), migrated with the project's migrations, dropped at the end unless --keep.
import { Client, Pool } from 'pg';
import { run } from '../dev/processes';

export interface BenchDatabase {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

function serverUrl(): URL {
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

export async function createBenchDatabase(stamp: string, log: (m: string) => void): Promise<BenchDatabase> {
  const name = `ck_bench_${stamp}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = serverUrl();
  url.pathname = `/${name}`;
  log(`database ${name} created; migrating`);
  await run('migrate', process.execPath, ['-r', './tools/register.js', 'tools/db/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
    quiet: true,
  });
  // Sessions in UTC, so dates in the raw baselines mean what the reports mean (UTC days).
  const pool = new Pool({ connectionString: url.toString(), max: 12, options: '-c timezone=UTC' });
  let dropped = false;
  return {
    name,
    url: url.toString(),
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
