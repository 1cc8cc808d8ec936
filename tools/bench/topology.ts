// Where the bench's api and worker processes find PostgreSQL: the plain server, or with
// --pgbouncer a PgBouncer (transaction mode) in front of it, and with --replica a throw-away
// primary and its streaming replica (tools/testing), the replica named in DATABASE_REPLICA_URLS.
import { Client } from 'pg';
import { PgBouncer } from '../testing/pgbouncer';
import { ReplicaPair, startReplicaPair } from '../testing/replica-pair';
import type { BenchArgs } from './args';
import { BenchDatabase, createBenchDatabase, migrateDatabase, openDatabase, serverUrl } from './database';

/** Server connections PgBouncer keeps per database (default_pool_size). */
export const POOLER_SIZE = 20;

/** Settings the throw-away primary and replica copy from the plain server, so both topologies run on the same configuration. */
const COPIED_SETTINGS = ['shared_buffers', 'work_mem', 'effective_cache_size', 'max_wal_size', 'max_connections', 'fsync', 'synchronous_commit', 'full_page_writes'];

export interface Topology {
  /** One line for the header: which servers the processes use. */
  label: string;
  database: BenchDatabase;
  /** DATABASE_* settings of the api and worker processes. */
  appEnv: Record<string, string>;
  bouncer?: PgBouncer;
  pair?: ReplicaPair;
  stop(keep: boolean): Promise<void>;
}

export function topologyLabel(args: Pick<BenchArgs, 'pgbouncer' | 'replica'>): string {
  if (!args.pgbouncer && !args.replica) return 'plain: api and workers straight to PostgreSQL';
  const primary = args.replica ? 'a throw-away primary' : 'PostgreSQL';
  const via = args.pgbouncer ? `PgBouncer 1.18 (transaction mode, ${POOLER_SIZE} server connections) in front of ${primary}` : `straight to ${primary}`;
  return `api and workers through ${via}${args.replica ? '; reports and lists read from its streaming replica' : ''}`;
}

/** The plain server's settings as postgresql.conf lines (`shared_buffers = '128MB'`). */
async function plainSettings(): Promise<string[]> {
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; value: string }>('SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1) ORDER BY name', [COPIED_SETTINGS]);
    return rows.map((r) => `${r.name} = '${r.value}'`);
  } finally {
    await client.end();
  }
}

export async function startTopology(args: BenchArgs, name: string, log: (m: string) => void): Promise<Topology> {
  let pair: ReplicaPair | undefined;
  let database: BenchDatabase;
  if (args.replica) {
    const settings = await plainSettings();
    log(`starting a primary and its streaming replica (pg_basebackup -R), settings copied from the plain server: ${settings.join(', ')}`);
    pair = await startReplicaPair({ database: name, migrate: migrateDatabase, settings });
    const started = pair;
    database = openDatabase(name, started.primary.url, () => started.close());
    log(`database ${name} on the primary (port ${pair.primary.port}), replica on port ${pair.replica.port}`);
  } else {
    database = await createBenchDatabase(name, log);
  }
  let bouncer: PgBouncer | undefined;
  try {
    if (args.pgbouncer) bouncer = await PgBouncer.start({ server: database.url, poolSize: POOLER_SIZE });
  } catch (e) {
    await database.drop();
    throw e;
  }
  const appEnv: Record<string, string> = { DATABASE_URL: bouncer ? bouncer.url(name) : database.url, DATABASE_DIRECT_URL: database.url };
  if (bouncer) appEnv.DATABASE_PREPARED_STATEMENTS = 'false';
  if (pair) appEnv.DATABASE_REPLICA_URLS = pair.replica.url;
  return {
    label: topologyLabel(args),
    database,
    appEnv,
    bouncer,
    pair,
    async stop(keep) {
      await bouncer?.stop().catch(() => undefined);
      if (!keep) await database.drop();
    },
  };
}
