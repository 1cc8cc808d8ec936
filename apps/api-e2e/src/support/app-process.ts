import { ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '../../../..');

/** A production entry point (apps/api or apps/worker src/main.ts) in a child process, its stdout and stderr kept. */
export interface AppProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs `apps/<app>/src/main.ts` exactly as deployed (its own logger setup, pino to stdout), with
 * the run's database and Redis and `env` on top, and captures what it writes.
 */
export function startAppProcess(app: 'api' | 'worker', env: Record<string, string>): AppProcess {
  const child = fork(join(ROOT, `apps/${app}/src/main.ts`), [], {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
    execArgv: ['-r', join(ROOT, 'tools/jest/exit-with-parent.js'), '-r', '@swc-node/register', '-r', join(ROOT, 'tools/jest/register-paths.js')],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return {
    child,
    output: () => chunks.join(''),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts the api on `port` (a free one by default) and waits until it answers /api/v1/health. */
export async function startApiProcess(env: Record<string, string>, port?: number): Promise<AppProcess & { url: string }> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = startAppProcess('api', { PORT: String(port), API_PUBLIC_URL: url, ...env });
  await waitFor(
    'the api process to answer /api/v1/health',
    async () => {
      if (api.child.exitCode !== null) throw new Error(`the api process exited (${api.child.exitCode}): ${api.output().slice(-2000)}`);
      return fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    },
    90_000,
    250,
  );
  return { ...api, url };
}
