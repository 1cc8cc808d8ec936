// Starts the HTTP limit (http-limit.server.ts) as a process of its own, beside the api, with the
// api's settings (database, JWT secret, encryption keys, pool size), and waits until it answers.
import path from 'node:path';
import { freePort, sleep } from '../../dev/free-port';
import { Child, describeExit, repoRoot, spawnPrefixed } from '../../dev/processes';
import type { Stack } from '../stack';

export interface LimitServer {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

export async function startHttpLimit(stack: Stack): Promise<LimitServer> {
  const port = await freePort();
  const args = ['-r', path.join(repoRoot, 'tools/register.js'), path.join(repoRoot, 'tools/bench/limits/http-limit.server.ts')];
  const child = spawnPrefixed('limit', process.execPath, args, { env: { ...stack.env, PORT: String(port) }, quiet: true });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (exited) throw new Error(`the HTTP limit server stopped while starting (${describeExit(await child.exited)})`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { url, child, stop: () => child.stop() };
  }
  await child.stop();
  throw new Error('the HTTP limit server did not answer within 60 s');
}
