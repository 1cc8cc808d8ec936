import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

/** The worker app in a child process (support/worker-process.ts), ready to be killed with SIGKILL. */
export async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(__dirname, 'worker-process.ts'), [], {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), LOG_LEVEL: 'error' },
    execArgv: ['-r', join(ROOT, 'tools/jest/exit-with-parent.js'), '-r', '@swc-node/register', '-r', join(ROOT, 'tools/jest/register-paths.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker process did not start within 60 s')), 60_000);
    child.once('message', () => (clearTimeout(timer), resolve()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the worker process exited (${code}) while starting`))));
  });
  return child;
}

/** SIGKILL: no shutdown hooks, no finished requests, like a crash or an OOM kill. */
export async function killWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
