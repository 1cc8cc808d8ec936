// Starts the HTTP limit (http-limit.server.ts) as a process of its own, beside the api, with the
// api's settings (database, JWT secret, encryption keys, pool size), served bare or inside NestJS
// (its FRAMEWORK), and waits until it answers. Its PostgreSQL sessions are named after it
// (`applicationName`), so the CPU of its backends is told from the api's and the other limits'.
import path from 'node:path';
import { freePort, sleep } from '../../dev/free-port';
import { Child, describeExit, repoRoot, spawnPrefixed } from '../../dev/processes';
import type { Stack } from '../stack';
import type { Framework } from './http-limit.server';

export interface LimitServer {
  url: string;
  child: Child;
  framework: Framework;
  /** The application_name of its PostgreSQL sessions. */
  applicationName: string;
  stop(): Promise<void>;
}

export async function startHttpLimit(stack: Stack, framework: Framework = 'node'): Promise<LimitServer> {
  const port = await freePort();
  const applicationName = framework === 'node' ? 'clockwork-http-limit' : `clockwork-http-limit-${framework}`;
  const args = ['-r', path.join(repoRoot, 'tools/register.js'), path.join(repoRoot, 'tools/bench/limits/http-limit.server.ts')];
  const env = { ...stack.env, PORT: String(port), FRAMEWORK: framework, LIMIT_APPLICATION_NAME: applicationName };
  const child = spawnPrefixed(framework === 'node' ? 'limit' : framework, process.execPath, args, { env, quiet: true });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (exited) throw new Error(`the HTTP limit server (${framework}) stopped while starting (${describeExit(await child.exited)})`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { url, child, framework, applicationName, stop: () => child.stop() };
  }
  await child.stop();
  throw new Error(`the HTTP limit server (${framework}) did not answer within 60 s`);
}
