// The real stack under test: the BUILT api and worker (dist/apps/*/main.js) as child processes,
// N api replicas on distinct ports and N workers, against the bench's database and a Redis
// prefix of its own. Builds them first when dist is missing (or with --build).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, sleep } from '../dev/free-port';
import { Child, describeExit, repoRoot, run, spawnPrefixed } from '../dev/processes';
import { imageNodeOptions } from './image-node-options';

export interface AppProcess {
  role: 'api' | 'worker';
  name: string;
  child: Child;
  /** RSS right after it became ready, in bytes (the idle baseline). */
  idleRss: number;
  url?: string;
}

export interface Stack {
  apis: AppProcess[];
  workers: AppProcess[];
  urls: string[];
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Resident memory of a process from /proc: current (VmRSS) and peak (VmHWM), in bytes. */
/**
 * Node options for the api and worker processes: their image's NODE_OPTIONS (the heap cap), then
 * BENCH_NODE_ARGS (`"--cpu-prof --cpu-prof-dir=/tmp/prof"`: a CPU profile of each, written when
 * it stops; a later `--max-old-space-size` wins).
 */
const nodeArgs = (role: 'api' | 'worker') => [...imageNodeOptions(role), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];

export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

export async function ensureBuilt(force: boolean, log: (m: string) => void): Promise<void> {
  const missing = ['api', 'worker'].filter((app) => !existsSync(path.join(repoRoot, 'dist/apps', app, 'main.js')));
  if (!force && missing.length === 0) return;
  log(force ? 'building api and worker (--build)' : `building ${missing.join(' and ')} (dist/apps is missing it)`);
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  await run('build', process.execPath, [path.join(repoRoot, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'build', '-p', 'api', 'worker', '--outputStyle=stream'], { env, quiet: true });
}

/** Settings of the run: production mode with throwaway secrets, generous limits, quiet logs. */
export function stackEnv(databaseUrl: string, queuePrefix: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    METRICS_TOKEN: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    LOGIN_RATE_LIMIT_PER_EMAIL: '100000',
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    SIGNUP_RATE_LIMIT_PER_HOUR: '100000',
    SIGNUP_VERIFY_EMAIL: 'false',
    API_KEY_DEFAULT_RATE_LIMIT: '10000000',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WORKER_METRICS_PORT: '0',
    SWAGGER_ENABLED: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    OUTBOX_POLL_MS: '50',
    WEBHOOK_POLL_MS: '200',
    ALERTS_INTERVAL_SECONDS: '86400',
    HOUSEKEEPING_INTERVAL_SECONDS: '86400',
  };
}

async function waitForHealth(url: string, child: Child): Promise<void> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(250)) {
    if (exited) throw new Error(`${child.name} stopped while starting (${describeExit(await child.exited)})`);
    const body = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json() as Promise<{ db?: string; redis?: string }>)
      .catch(() => undefined);
    if (body?.db === 'up' && body.redis === 'up') return;
  }
  throw new Error(`${child.name} did not report db and redis up at ${url} within 90 s`);
}

export async function startStack(env: NodeJS.ProcessEnv, apiReplicas: number, workers: number, log: (m: string) => void): Promise<Stack> {
  const apis: AppProcess[] = [];
  const workerProcs: AppProcess[] = [];
  const stop = async () => {
    await Promise.all([...apis, ...workerProcs].map((p) => p.child.stop()));
  };
  try {
    for (let i = 0; i < apiReplicas; i++) {
      const port = await freePort();
      const name = `api-${i + 1}`;
      const child = spawnPrefixed(name, process.execPath, [...nodeArgs('api'), 'dist/apps/api/main.js'], { env: { ...env, PORT: String(port) }, quiet: true });
      apis.push({ role: 'api', name, child, idleRss: 0, url: `http://127.0.0.1:${port}` });
    }
    for (let i = 0; i < workers; i++) {
      const name = `worker-${i + 1}`;
      workerProcs.push({ role: 'worker', name, child: spawnPrefixed(name, process.execPath, [...nodeArgs('worker'), 'dist/apps/worker/main.js'], { env, quiet: true }), idleRss: 0 });
    }
    await Promise.all(apis.map((a) => waitForHealth(a.url as string, a.child)));
    await sleep(1500); // the workers boot alongside; give them the same head start
    for (const p of [...apis, ...workerProcs]) {
      const exit = await Promise.race([p.child.exited, sleep(0).then(() => undefined)]);
      if (exit) throw new Error(`${p.name} stopped while starting (${describeExit(exit)})`);
      p.idleRss = memoryOf(p.child.pid).rss;
    }
    log(`started ${apiReplicas} api (${apis.map((a) => a.url).join(', ')}) and ${workers} worker process(es)`);
    return { apis, workers: workerProcs, urls: apis.map((a) => a.url as string), env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
