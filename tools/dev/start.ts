// `npm start [-- --no-build]`: builds api, worker and web, brings up PostgreSQL and Redis
// (see backing-services.ts), migrates, runs the three apps with prefixed output, waits until
// the api is healthy and prints the URLs. Ctrl-C stops everything and exits 0; an app that
// stops on its own stops everything and exits 1.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startBackingServices } from './backing-services';
import { canConnect, isPortFree, sleep } from './free-port';
import { fail, log, repoRoot, run, spawnPrefixed, stopAllWhenExits, stopOnSignals } from './processes';

const nx = path.join(repoRoot, 'node_modules/.bin/nx');
// No Nx daemon (it would outlive us) and no terminal UI (the output is prefixed line by line).
const nxEnv = { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false', NX_TUI: 'false' };

function port(name: 'PORT' | 'WEB_PORT', fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number, not "${process.env[name]}"`);
  return value;
}

async function waitForHealth(url: string): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
    const body = await fetch(url, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.json() as Promise<{ db?: string; redis?: string }>)
      .catch(() => undefined);
    if (body?.db === 'up' && body.redis === 'up') return;
  }
  throw new Error(`the api did not report db and redis up at ${url} within 120 s`);
}

async function main(): Promise<void> {
  stopOnSignals();
  const started = Date.now();
  const apiPort = port('PORT', 3000);
  const webPort = port('WEB_PORT', 4200);
  for (const [name, value] of [['PORT', apiPort], ['WEB_PORT', webPort]] as const) {
    if (!(await isPortFree(value))) throw new Error(`port ${value} is in use; stop what uses it or set ${name}`);
  }

  if (!process.argv.includes('--no-build')) {
    await run('build', nx, ['run-many', '-t', 'build', '-p', 'api', 'worker', 'web'], { env: nxEnv });
  }
  for (const app of ['api', 'worker', 'web']) {
    if (!existsSync(path.join(repoRoot, 'dist/apps', app))) throw new Error(`dist/apps/${app} is missing; run npm start without --no-build`);
  }

  const services = await startBackingServices();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = { ...process.env, ...services, PORT: String(apiPort), WEB_PORT: String(webPort), API_URL: apiUrl };
  const apps: Array<[string, string, string[], string?]> = [
    ['api', process.execPath, ['dist/apps/api/main.js']],
    ['worker', process.execPath, ['dist/apps/worker/main.js']],
  ];
  // What `nx run web:preview` runs (vite preview in apps/web: WEB_PORT, /api proxied to API_URL),
  // without Nx's project graph and process tree in between; the build is done above.
  apps.push(['web', path.join(repoRoot, 'node_modules/.bin/vite'), ['preview'], path.join(repoRoot, 'apps/web')]);
  for (const [name, command, args, cwd] of apps) {
    stopAllWhenExits(name, spawnPrefixed(name, command, args, { env, cwd, announce: true }).exited);
  }

  await waitForHealth(`${apiUrl}/api/v1/health`);
  for (const deadline = Date.now() + 60_000; !(await canConnect(webPort)); await sleep(200)) {
    if (Date.now() > deadline) throw new Error(`the web app did not listen on port ${webPort} within 60 s`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`Clockwork CRM is running (ready in ${seconds} s)`);
  log(`  Web       http://127.0.0.1:${webPort}`);
  log(`  API       ${apiUrl}/api/v1`);
  log(`  Swagger   ${apiUrl}/api/docs`);
  log(`  Database  ${services.DATABASE_URL}`);
  log(`  Redis     ${services.REDIS_URL}`);
  log('Press Ctrl-C to stop.');
}

main().catch(fail);
