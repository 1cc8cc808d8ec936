// Redis for local development: REDIS_URL when set, else redis://127.0.0.1:6379 when it answers,
// else `redis-server` from PATH as our child, with its append-only file under <dataDir>/redis.
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Service } from './embedded-postgres';
import { freePort, sleep } from './free-port';
import { describeExit, type Exit, spawnPrefixed } from './processes';

const notFound = (localUrl: string) =>
  `redis-server is not installed and nothing answers on ${localUrl}: install it (e.g. apt-get install redis-server, or brew install redis) or set REDIS_URL`;

/** True when a Redis at `url` answers PING with PONG (within a second). */
export function pingRedis(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let reply = '';
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379), timeout: 1000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
    socket.once('close', () => done(false));
  });
}

export async function ensureRedis({
  dataDir,
  url = process.env.REDIS_URL,
  localUrl = 'redis://127.0.0.1:6379',
}: {
  dataDir: string;
  url?: string;
  /** The Redis to use when it answers, before starting our own. */
  localUrl?: string;
}): Promise<Service> {
  if (url) return { url, stop: async () => undefined };
  if (await pingRedis(localUrl)) return { url: localUrl, stop: async () => undefined };

  const dir = path.join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const child = spawnPrefixed(
    'redis',
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--daemonize', 'no'],
    { announce: true },
  );
  let stopped: Exit | undefined;
  void child.exited.then((exit) => (stopped = exit));
  const started = `redis://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
    if (stopped) throw new Error((stopped.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? notFound(localUrl) : `redis-server stopped while starting (${describeExit(stopped)})`);
    if (await pingRedis(started)) return { url: started, stop: () => child.stop(), exited: child.exited };
  }
  await child.stop();
  throw new Error('redis-server did not answer within 30 s');
}
