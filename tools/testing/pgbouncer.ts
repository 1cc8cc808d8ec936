import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@clockwork/testing-support';
import { Client } from 'pg';
import { freePort } from '../dev/free-port';

/** Debian's PgBouncer (`apt-get install pgbouncer`; .ci/run installs it). */
export const PGBOUNCER_BINARY = '/usr/sbin/pgbouncer';

// Used by the api-e2e pooler tests (apps/api-e2e/src/platform/pgbouncer-*.spec.ts) and by
// `npm run bench -- --pgbouncer`.

/** A row of the admin console's SHOW output, as pg parses it. */
export type ConsoleRow = Record<string, string | number | null>;

/** The PostgreSQL server the pooler fronts by default: TEST_DATABASE_URL, else DATABASE_URL's server. */
function defaultServer(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface PgBouncerOptions {
  /** Any URL on the PostgreSQL server to front (its host, port and user are used). */
  server?: string;
  /** default_pool_size: server connections per database and user. */
  poolSize?: number;
}

/**
 * A real PgBouncer in transaction pooling mode on 127.0.0.1:<free port>, in front of a
 * PostgreSQL server (the test server unless `server` names another; every database name, `* =`),
 * trust authentication for the users of its auth file, its socket, log and pid in a folder of its own. PgBouncer refuses to run as root:
 * started as root it drops to the `postgres` user (`user =`), so the folder is opened to it.
 */
export class PgBouncer {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly child: ChildProcess,
    private readonly user: string,
  ) {}

  static async start(options: PgBouncerOptions = {}): Promise<PgBouncer> {
    const server = new URL(options.server ?? defaultServer());
    const user = decodeURIComponent(server.username || 'postgres');
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'ck-pgbouncer-'));
    chmodSync(dir, 0o777);
    const ini = [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'pool_mode = transaction',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `admin_users = ${user}`,
      `default_pool_size = ${options.poolSize ?? 8}`,
      'max_client_conn = 500',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      ...(process.getuid?.() === 0 ? ['user = postgres'] : []),
    ].join('\n');
    writeFileSync(join(dir, 'pgbouncer.ini'), `${ini}\n`, { mode: 0o644 });
    writeFileSync(join(dir, 'userlist.txt'), `"${user}" ""\n`, { mode: 0o644 });
    const child = spawn(PGBOUNCER_BINARY, [join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    child.stderr?.on('data', (c: Buffer) => errors.push(c.toString('utf8')));
    const bouncer = new PgBouncer(port, dir, child, user);
    try {
      await waitFor(
        `pgbouncer to listen on 127.0.0.1:${port}`,
        async () => {
          if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${errors.join('')}${bouncer.log().slice(-2000)}`);
          return bouncer.show('VERSION').then(() => true, () => false);
        },
        10_000,
        50,
      );
    } catch (e) {
      await bouncer.stop();
      throw e;
    }
    return bouncer;
  }

  /** A connection string to `database` through the pooler. */
  url(database: string): string {
    return `postgres://${encodeURIComponent(this.user)}@127.0.0.1:${this.port}/${database}`;
  }

  /** A SHOW command of the admin console (STATS, POOLS, SERVERS, CLIENTS, ...). */
  async show(what: string): Promise<ConsoleRow[]> {
    const client = new Client({ connectionString: this.url('pgbouncer') });
    await client.connect();
    try {
      return (await client.query(`SHOW ${what}`)).rows;
    } finally {
      await client.end();
    }
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, 'pgbouncer.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGINT'); // immediate shutdown: close every connection, exit
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
