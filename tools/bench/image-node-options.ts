// The Node options the production images give the api and the worker (their runtime stage's
// `ENV NODE_OPTIONS=...`), so the bench runs the processes as they are deployed.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** NODE_OPTIONS of the runtime stage of a Dockerfile's text, as separate flags ([] when it sets none). */
export function runtimeNodeOptions(dockerfile: string): string[] {
  const stages = dockerfile.split(/^FROM /m);
  const runtime = stages.find((s) => /^\S+\s+AS\s+runtime\b/i.test(s));
  if (!runtime) throw new Error('the Dockerfile has no stage named runtime');
  const joined = runtime.replace(/\\\r?\n/g, ' ');
  const env = joined.split('\n').filter((l) => /^\s*ENV\s/.test(l));
  for (const line of env) {
    const m = /\bNODE_OPTIONS=("([^"]*)"|(\S+))/.exec(line);
    if (m) return (m[2] ?? m[3]).split(' ').filter(Boolean);
  }
  return [];
}

/** The flags `docker/<role>.Dockerfile` runs its process with. */
export function imageNodeOptions(role: 'api' | 'worker'): string[] {
  return runtimeNodeOptions(readFileSync(path.join(ROOT, 'docker', `${role}.Dockerfile`), 'utf8'));
}
