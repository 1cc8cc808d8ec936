// Steps shared by `npm start` and `npm run services`: PostgreSQL, Redis, migrations.
import path from 'node:path';
import { ensurePostgres } from './embedded-postgres';
import { repoRoot, run, stopAllWhenExits } from './processes';
import { ensureRedis } from './redis-server';

/** Where local data lives: CLOCKWORK_DATA_DIR, default <repo>/.data. */
export const dataDir = (): string => path.resolve(process.env.CLOCKWORK_DATA_DIR ?? path.join(repoRoot, '.data'));

export async function runMigrations(env: { DATABASE_URL: string; REDIS_URL: string }): Promise<void> {
  await run('migrate', process.execPath, ['-r', './tools/register.js', 'tools/db/migrate.ts'], { env: { ...process.env, ...env } });
}

/** Database and Redis ready and migrated; if one we started dies later, everything stops. */
export async function startBackingServices(dir = dataDir()): Promise<{ DATABASE_URL: string; REDIS_URL: string }> {
  const postgres = await ensurePostgres({ dataDir: dir });
  stopAllWhenExits('postgres', postgres.exited);
  const redis = await ensureRedis({ dataDir: dir });
  stopAllWhenExits('redis', redis.exited);
  const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url };
  await runMigrations(env);
  return env;
}
