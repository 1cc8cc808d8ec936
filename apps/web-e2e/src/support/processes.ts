import { spawn, type ChildProcess } from 'node:child_process';
import { workspaceRoot } from './paths';

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** The last lines the process printed, for error messages. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The process groups started and not yet exited, kept on `globalThis` so that one exit handler
 * serves every spec file of the run (each has its own module registry): when the test process
 * ends, whatever a timed-out hook left running is killed with it instead of slowing later runs.
 */
const RUNNING = Symbol.for('clockwork.web-e2e.running-processes');
function runningGroups(): Set<number> {
  const holder = globalThis as unknown as Record<symbol, Set<number> | undefined>;
  let groups = holder[RUNNING];
  if (!groups) {
    const created = new Set<number>();
    groups = holder[RUNNING] = created;
    process.once('exit', () => {
      for (const pid of created) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  return groups;
}

/** Starts `node <args>` from the workspace root in its own process group. */
export function startNode(name: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd: workspaceRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const groups = runningGroups();
  if (child.pid) groups.add(child.pid);
  const exited = new Promise<number | null>((resolveExit) =>
    child.once('exit', (code) => {
      if (child.pid) groups.delete(child.pid);
      resolveExit(code);
    }),
  );
  return { name, child, output: () => lines.join('\n'), exited };
}

/** Polls `url` until it answers with a status `accept` likes; fails early if the process exits. */
export async function waitForHttp(
  proc: RunningProcess,
  url: string,
  { timeoutMs = 60_000, accept = (status: number) => status < 500 || status === 503 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${proc.name} exited (code ${exitCode}) before ${url} answered:\n${proc.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (accept(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} did not answer at ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

/** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopProcess(proc: RunningProcess | undefined, graceMs = 5_000): Promise<void> {
  if (!proc?.child.pid || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(proc.child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([proc.exited, timer])) === 'timeout') {
    signalGroup('SIGKILL');
    await proc.exited;
  }
}
