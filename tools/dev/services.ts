// `npm run services`: PostgreSQL + Redis + migrations only, for `npx nx serve api|worker`.
// Writes <data>/services.env (the apps read .data/services.env outside production) and keeps
// running until Ctrl-C, then stops what it started and removes the file.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, startBackingServices } from './backing-services';
import { fail, log, onStop, stopOnSignals } from './processes';

async function main(): Promise<void> {
  stopOnSignals();
  const dir = dataDir();
  const env = await startBackingServices(dir);
  const envFile = path.join(dir, 'services.env');
  onStop(() => rm(envFile, { force: true }));
  await writeFile(envFile, Object.entries(env).map(([key, value]) => `${key}=${value}\n`).join(''));
  log(`DATABASE_URL=${env.DATABASE_URL}`);
  log(`REDIS_URL=${env.REDIS_URL}`);
  log(`written to ${envFile}; now run \`npx nx serve api\` and \`npx nx serve worker\`. Ctrl-C stops.`);
  setInterval(() => undefined, 1 << 30); // keep running even when nothing was started here
}

main().catch(fail);
