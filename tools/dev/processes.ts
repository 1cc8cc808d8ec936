// Child processes of the dev orchestrator: output prefixed with the process name, each in its
// own process group (so Ctrl-C reaches us, and we stop them in order), and stopped with
// SIGTERM (or their own signal), then SIGKILL after a timeout.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = path.resolve(__dirname, '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface Child {
  name: string;
  pid: number;
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Signal that asks for a clean stop; sent to the whole process group unless `group` is false. */
  stopSignal?: NodeJS.Signals;
  group?: boolean;
  stopTimeoutMs?: number;
  /** Print "started (pid N)": for the long-running processes. */
  announce?: boolean;
  /** Keep the output to print it only when the process fails. */
  quiet?: boolean;
}

const live: Child[] = [];
const colors = [36, 33, 35, 32, 34, 96, 93];
let nextColor = 0;

function label(name: string, color: number): string {
  const text = `${name.padEnd(8)} |`;
  return process.stdout.isTTY ? `\x1b[${color}m${text}\x1b[0m ` : `${text} `;
}

export function log(message: string, name = 'dev'): void {
  process.stdout.write(`${label(name, 90)}${message}\n`);
}

export function describeExit(exit: Exit): string {
  if (exit.error) return exit.error.message;
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function signal(target: number, sig: NodeJS.Signals): void {
  try {
    process.kill(target, sig);
  } catch {
    // already gone
  }
}

export function spawnPrefixed(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
  const { stopSignal = 'SIGTERM', group = true, stopTimeoutMs = 10_000 } = options;
  const proc = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = label(name, colors[nextColor++ % colors.length]);
  const kept: string[] = [];
  for (const [input, output] of [[proc.stdout, process.stdout], [proc.stderr, process.stderr]] as const) {
    createInterface({ input }).on('line', (line) => (options.quiet ? kept.push(line) : output.write(`${prefix}${line}\n`)));
  }
  const exited = new Promise<Exit>((resolve) => {
    proc.once('error', (error) => resolve({ code: null, signal: null, error }));
    proc.once('exit', (code, sig) => resolve({ code, signal: sig }));
  });
  const pid = proc.pid ?? -1;
  const child: Child = {
    name,
    pid,
    exited: exited.then((exit) => {
      if (live.includes(child)) live.splice(live.indexOf(child), 1);
      if (pid > 0) signal(-pid, 'SIGKILL'); // whatever the leader left behind in its group
      if (options.quiet && exit.code !== 0 && !stopping) kept.forEach((line) => process.stderr.write(`${prefix}${line}\n`));
      return exit;
    }),
    async stop() {
      if (!live.includes(child)) return;
      signal(group ? -pid : pid, stopSignal);
      const timer = setTimeout(() => {
        log(`${name} did not stop within ${stopTimeoutMs / 1000} s; killing it`);
        signal(-pid, 'SIGKILL');
      }, stopTimeoutMs);
      await child.exited;
      clearTimeout(timer);
    },
  };
  live.push(child);
  if (options.announce && pid > 0) process.stdout.write(`${prefix}started (pid ${pid})\n`);
  return child;
}

/** Runs a command to completion; throws "<name> failed (exit code N)". */
export async function run(name: string, command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const exit = await spawnPrefixed(name, command, args, options).exited;
  if (exit.code !== 0) throw new Error(`${name} failed (${describeExit(exit)})`);
}

let stopping = false;
const beforeStop: Array<() => unknown> = [];

/** Registers work to do when stopping, before the child processes are stopped. */
export function onStop(work: () => unknown): void {
  beforeStop.push(work);
}

/** Stops every child, newest first (apps before Redis before PostgreSQL), then exits. */
export async function stopEverything(code: number, message?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (message) (code ? process.stderr : process.stdout).write(`${label('dev', code ? 31 : 90)}${message}\n`);
  for (const work of beforeStop) await Promise.resolve(work()).catch(() => undefined);
  while (live.length) await live[live.length - 1].stop();
  process.exit(code);
}

/**
 * Ctrl-C, `kill` and a closed terminal stop everything and exit 0. So does losing our parent:
 * `kill <npm pid>` reaches npm's `sh -c`, not us, and would otherwise leave us running.
 */
export function stopOnSignals(): void {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => void stopEverything(0, 'Stopping...'));
  }
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stopEverything(0, 'Our parent process is gone; stopping...'), 1000).unref();
}

/** A process that must keep running: when it stops on its own, stop everything and exit 1. */
export function stopAllWhenExits(name: string, exited: Promise<Exit> | undefined): void {
  void exited?.then((exit) => {
    if (!stopping) void stopEverything(1, `${name} stopped unexpectedly (${describeExit(exit)}); stopping everything`);
  });
}

/** The entry points' error handler: one friendly line, no stack. */
export function fail(error: unknown): void {
  void stopEverything(1, error instanceof Error ? error.message : String(error));
}
