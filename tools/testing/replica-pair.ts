import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@clockwork/testing-support';
import { Client } from 'pg';
import { freePort } from '../dev/free-port';

// Used by the api-e2e replica tests (apps/api-e2e/src/platform/read-replica.spec.ts) and by
// `npm run bench -- --replica`.

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** initdb and postgres refuse to run as root: as root, every server command runs as the `postgres` OS user. */
const asRoot = process.getuid?.() === 0;
const command = (bin: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]] : [join(BIN, bin), args]);

async function pg(bin: string, args: string[]): Promise<string> {
  const [file, argv] = command(bin, args);
  try {
    return (await run(file, argv, { timeout: 120_000 })).stdout;
  } catch (e) {
    const err = e as Error & { stderr?: string; stdout?: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

/** One PostgreSQL 15 server of the pair: its data folder, port and the URL of the app database on it. */
export interface PgServer {
  dir: string;
  port: number;
  url: string;
  /** The URL of the `postgres` maintenance database (for statistics and control). */
  adminUrl: string;
  start(): Promise<void>;
  /** pg_ctl stop (fast: connections are closed at once). */
  stop(): Promise<void>;
  /** One query on the server's app database, on a connection of its own. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A throw-away primary and a streaming replica made from it with `pg_basebackup -R`. */
export interface ReplicaPair {
  primary: PgServer;
  replica: PgServer;
  /** Stops both servers and removes their folders. */
  close(): Promise<void>;
}

function server(dir: string, port: number, database: string): PgServer {
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    dir,
    port,
    url,
    adminUrl,
    start: async () => void (await pg('pg_ctl', ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])),
    stop: async () => void (await pg('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop'])),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Settings of a throw-away test server: loopback only, sockets in its own folder, no fsync (commits
 * still wait for their WAL write, as in production), pg_stat_statements loaded; then `extra`
 * (`name = value` lines: the last setting wins).
 */
function settings(dir: string, port: number, extra: string[]): string {
  return [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'full_page_writes = off',
    'max_connections = 60',
    'shared_buffers = 32MB',
    'wal_level = replica',
    'max_wal_senders = 4',
    'hot_standby = on',
    `shared_preload_libraries = 'pg_stat_statements'`,
    'pg_stat_statements.track = all',
    ...extra,
    '',
  ].join('\n');
}

function ownedTmpDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

export interface ReplicaPairOptions {
  /** The app database made on the primary (default `clockwork`). */
  database?: string;
  /** Migrates the app database, given its URL on the primary. */
  migrate(url: string): Promise<void>;
  /** postgresql.conf lines for both servers, after the defaults (`max_connections = 200`, say). */
  settings?: string[];
}

/**
 * Creates a primary (initdb) on a free port, migrates its app database (`clockwork`), takes a base
 * backup of it as a hot standby (`pg_basebackup -R`: standby.signal and primary_conninfo) on
 * another free port, starts it and waits until the primary reports it streaming
 * (pg_stat_replication). pg_stat_statements is created on the primary and so exists on both.
 * The servers run as the `postgres` OS user when this process is root; an exit of this process
 * stops them (immediate mode) should a test end without close().
 */
export async function startReplicaPair(options: ReplicaPairOptions): Promise<ReplicaPair> {
  const database = options.database ?? 'clockwork';
  const root = ownedTmpDir('ck-replica-');
  const primary = server(join(root, 'primary'), await freePort(), database);
  const replica = server(join(root, 'replica'), await freePort(), database);
  const started: PgServer[] = [];
  const emergencyStop = () => {
    for (const s of started) {
      const [file, argv] = command('pg_ctl', ['-D', s.dir, '-m', 'immediate', 'stop']);
      try {
        execFileSync(file, argv, { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    }
  };
  process.once('exit', emergencyStop);
  const close = async () => {
    process.removeListener('exit', emergencyStop);
    for (const s of started.reverse()) await pg('pg_ctl', ['-D', s.dir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await pg('initdb', ['-D', primary.dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    appendFileSync(join(primary.dir, 'postgresql.conf'), settings(primary.dir, primary.port, options.settings ?? []));
    await primary.start();
    started.push(primary);
    const admin = new Client({ connectionString: primary.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`).finally(() => admin.end());
    await options.migrate(primary.url);
    await primary.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.dir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    // The copied postgresql.conf names the primary's port and socket folder: the last setting wins.
    appendFileSync(join(replica.dir, 'postgresql.conf'), `port = ${replica.port}\nunix_socket_directories = '${replica.dir}'\n`);
    // The replica's name in the primary's pg_stat_replication.
    appendFileSync(join(replica.dir, 'postgresql.auto.conf'), `cluster_name = 'ck_replica'\n`);
    if (!readFileSync(join(replica.dir, 'postgresql.auto.conf'), 'utf8').includes('primary_conninfo')) throw new Error('pg_basebackup -R wrote no primary_conninfo');
    await replica.start();
    started.push(replica);
    await waitFor(
      'the replica streaming from the primary',
      async () => (await primary.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'`))[0].n === 1,
      60_000,
    );
    return { primary, replica, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
export async function replicaCaughtUp(pair: ReplicaPair): Promise<void> {
  // The insert position, as the api remembers after a write (ReadReplicas.rememberWrite).
  const [{ lsn }] = await pair.primary.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  await waitFor(`the replica replaying up to ${lsn}`, async () => (await pair.replica.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]))[0].ok, 30_000);
}
