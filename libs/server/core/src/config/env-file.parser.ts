import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Outside production, fills unset variables from `.env` and from `<data>/services.env` (written
 * by `npm run services` with the embedded database and Redis addresses), so that
 * `npx nx serve api` finds what `npm start` started. Variables already set always win.
 */
export function applyEnvFiles(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): void {
  if (env.NODE_ENV === 'production') return;
  const dataDir = env.CLOCKWORK_DATA_DIR ?? '.data';
  for (const file of ['.env', `${dataDir}/services.env`]) {
    const path = resolve(cwd, file);
    if (!existsSync(path)) continue;
    for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
      if (env[key] === undefined) env[key] = value;
    }
  }
}
