// The real `npm start` (with --no-build after building once) on a fresh data directory:
// embedded PostgreSQL, healthy api, the web app when apps/web exists, Ctrl-C exits 0 leaving
// no process behind, and a second start finds the data of the first.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { repoRoot } from './processes';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clockwork-start-'));
let env: NodeJS.ProcessEnv;
const running = new Set<ChildProcess>();

interface Stack {
  proc: ChildProcess;
  pids: number[];
  databaseUrl: string;
}

async function start(): Promise<Stack> {
  const proc = spawn(process.execPath, ['-r', './tools/register.js', 'tools/dev/start.ts', '--no-build'], { cwd: repoRoot, env });
  running.add(proc);
  let output = '';
  proc.stdout?.on('data', (chunk) => (output += chunk));
  proc.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const ready = setInterval(() => output.includes('Press Ctrl-C') && (clearInterval(ready), resolve()), 100);
    proc.once('exit', (code) => (clearInterval(ready), reject(new Error(`npm start exited (${code}):\n${output}`))));
  });
  expect(output).toMatch(/web +\| started/);
  return {
    proc,
    pids: [...output.matchAll(/started \(pid (\d+)\)/g)].map((m) => Number(m[1])),
    databaseUrl: /Database +(postgres:\/\/\S+)/.exec(output)?.[1] ?? '',
  };
}

async function stop({ proc }: Stack): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  proc.kill('SIGINT');
  const code = await exited;
  running.delete(proc);
  return code;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const processesUsing = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
};

async function sql(url: string, text: string, params: unknown[]): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  execFileSync(path.join(repoRoot, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', 'api', 'worker', 'web'], {
    cwd: repoRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdio: 'pipe',
  });
  env = { ...process.env, CLOCKWORK_DATA_DIR: dataDir, PORT: String(await freePort()), WEB_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
}, 600_000);

afterAll(async () => {
  // After a failure: stop what is still running the way a user would, so it stops its children.
  for (const proc of running) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    proc.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('starts the stack, stops it with Ctrl-C leaving nothing behind, and keeps the data for the next start', async () => {
  const first = await start();
  expect(first.databaseUrl).toMatch(/^postgres:\/\/.*\/clockwork$/);
  const health = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`);
  expect(await health.json()).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  expect((await fetch(`http://127.0.0.1:${env.WEB_PORT}/`)).status).toBe(200);
  const proxied = await fetch(`http://127.0.0.1:${env.WEB_PORT}/api/v1/health`);
  expect(await proxied.json()).toMatchObject({ status: 'ok' });
  const id = randomUUID();
  await sql(first.databaseUrl, 'INSERT INTO organizations (id, name) VALUES ($1, $2)', [id, 'Persisted Ltd']);

  expect(await stop(first)).toBe(0);
  expect(first.pids.length).toBeGreaterThanOrEqual(4); // postgres, api, worker, web (, redis)
  expect(first.pids.filter(alive)).toEqual([]);
  expect(processesUsing(dataDir)).toBe('');

  const second = await start();
  expect(second.databaseUrl).toBe(first.databaseUrl); // same cluster, same remembered port
  expect(await sql(second.databaseUrl, 'SELECT name FROM organizations WHERE id = $1', [id])).toEqual([{ name: 'Persisted Ltd' }]);
  expect(await stop(second)).toBe(0);
  expect(second.pids.filter(alive)).toEqual([]);
  expect(processesUsing(dataDir)).toBe('');
}, 240_000);
