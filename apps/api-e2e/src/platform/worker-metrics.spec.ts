import { ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const STRONG = {
  JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
  ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
};

/** The worker's real entry point (apps/worker/src/main.ts) as a process of its own. */
function startWorker(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = fork(join(ROOT, 'apps/worker/src/main.ts'), [], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'info', ...env },
    execArgv: ['-r', join(ROOT, 'tools/jest/exit-with-parent.js'), '-r', '@swc-node/register', '-r', join(ROOT, 'tools/jest/register-paths.js')],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const status = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, signal: AbortSignal.timeout(2000) }).then(
    (r) => r.status,
    () => 0,
  );

/** An address of this machine other than loopback, when it has one. */
const externalAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe("the worker's metrics port", () => {
  let worker: ReturnType<typeof startWorker> | undefined;
  afterEach(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    worker = undefined;
  });

  it('refuses to boot in production without METRICS_TOKEN (or with a weak queue board password), naming the variable', async () => {
    worker = startWorker({ NODE_ENV: 'production', ...STRONG, METRICS_TOKEN: '' });
    expect(await worker.exited).not.toBe(0);
    expect(worker.output()).toMatch(/METRICS_TOKEN: required in production/);

    worker = startWorker({ NODE_ENV: 'production', ...STRONG, METRICS_TOKEN: 'm'.repeat(40), QUEUE_BOARD_USERS: 'ops:changeme' });
    expect(await worker.exited).not.toBe(0);
    expect(worker.output()).toMatch(/QUEUE_BOARD_USERS: the password of "ops" is weak/);
  }, 120_000);

  it('listens on 127.0.0.1 by default and asks for the METRICS_TOKEN', async () => {
    const port = await freePort();
    worker = startWorker({ WORKER_METRICS_PORT: String(port), METRICS_TOKEN: 'worker-scrape-token-for-tests' });
    const url = `http://127.0.0.1:${port}/metrics`;
    for (const end = Date.now() + 90_000; Date.now() < end && (await status(url)) === 0; ) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${worker.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await status(url)).toBe(401);
    expect(await status(url, { authorization: 'Bearer wrong-token-of-the-same-len' })).toBe(401);
    expect(await status(url, { authorization: 'Bearer worker-scrape-token-for-tests' })).toBe(200);
    expect(worker.output()).toContain(`Worker metrics on 127.0.0.1:${port}/metrics`);
    const external = externalAddress();
    // Not reachable on the machine's other addresses (connection refused).
    if (external) expect(await status(`http://${external}:${port}/metrics`, { authorization: 'Bearer worker-scrape-token-for-tests' })).toBe(0);
  }, 120_000);
});
