import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { workspaceRoot } from './paths';
import { freePort } from './ports';
import { startNode, stopProcess, waitForHttp, type RunningProcess } from './processes';

const apiMain = resolve(workspaceRoot, 'dist/apps/api/main.js');
const workerMain = resolve(workspaceRoot, 'dist/apps/worker/main.js');
const webIndex = resolve(workspaceRoot, 'dist/apps/web/index.html');
const viteCli = resolve(workspaceRoot, 'node_modules/vite/bin/vite.js');

export interface Stack {
  apiUrl: string;
  webUrl: string;
  stop: () => Promise<void>;
}

/** DATABASE_URL (required: a migrated database) and REDIS_URL (default: the local Redis). */
export function stackEnv(): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'web-e2e needs DATABASE_URL pointing at a migrated PostgreSQL database, e.g.\n' +
        "  psql -h 127.0.0.1 -U postgres -c 'create database ck_web_e2e'\n" +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ck_web_e2e node -r ./tools/register.js tools/db/migrate.ts\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ck_web_e2e npx nx run web-e2e:e2e',
    );
  }
  return { databaseUrl, redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379' };
}

export interface StackOptions {
  /** Also start the built worker (outbox, sync pushes, jobs), with the api's environment and its Bull prefix. */
  worker?: boolean;
}

/**
 * Starts the built api and `vite preview` of the built web app (proxying /api to that api), and the
 * built worker when asked; `apiEnv` adds to the api's (and the worker's) environment (e.g. an SMTP server).
 */
export async function startStack(apiEnv: Record<string, string> = {}, options: StackOptions = {}): Promise<Stack> {
  const { databaseUrl, redisUrl } = stackEnv();
  const builds: Array<[string, string]> = [[apiMain, 'api'], [webIndex, 'web']];
  if (options.worker) builds.push([workerMain, 'worker']);
  for (const [file, build] of builds) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx nx build ${build}\` first`);
  }
  const started: RunningProcess[] = [];
  const stop = async () => {
    for (const proc of started.reverse()) await stopProcess(proc);
  };
  try {
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `web-e2e-${process.pid}`,
      // Every browser spec signs up organizations from 127.0.0.1; the signup limit per address
      // (api-e2e tests it) would refuse the later ones within the hour.
      SIGNUP_RATE_LIMIT_PER_HOUR: '100000',
      ...apiEnv,
    };
    const api = startNode('api', [apiMain], { ...env, PORT: String(apiPort) });
    started.push(api);
    await waitForHttp(api, `${apiUrl}/api/v1/health`);
    if (options.worker) started.push(await startWorker(env));

    const web = await startWebPreview(apiUrl, (proc) => started.push(proc));
    return { apiUrl, webUrl: web.url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The built worker on its own metrics port (the worker has no HTTP app): ready once that port answers. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<RunningProcess> {
  const metricsPort = await freePort();
  const worker = startNode('worker', [workerMain], { ...env, WORKER_METRICS_PORT: String(metricsPort), WORKER_METRICS_HOST: '127.0.0.1' });
  try {
    await waitForHttp(worker, `http://127.0.0.1:${metricsPort}/metrics`);
  } catch (e) {
    await stopProcess(worker);
    throw e;
  }
  return worker;
}

/** `vite preview` of dist/apps/web on a free port, proxying /api to `apiUrl`. */
export async function startWebPreview(
  apiUrl: string,
  onStarted: (proc: RunningProcess) => void,
): Promise<{ url: string; proc: RunningProcess }> {
  if (!existsSync(webIndex)) throw new Error(`${webIndex} is missing: run \`npx nx build web\` first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, WEB_PORT: String(port), API_URL: apiUrl };
  const proc = startNode('vite preview', [viteCli, 'preview', '--config', 'apps/web/vite.config.mts'], env);
  onStarted(proc);
  await waitForHttp(proc, `${url}/`, { accept: (status) => status === 200 });
  return { url, proc };
}
