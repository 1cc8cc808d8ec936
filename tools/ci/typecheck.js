#!/usr/bin/env node
// `npm run typecheck`: every project's TypeScript checked by six `tsc --noEmit` programs, two at a
// time, instead of one per project. A library's sources are read by every project that imports
// it, so the 42 per-project programs (`nx run-many -t typecheck`, kept for `nx affected`) checked
// the same files dozens of times: 254 s against about 30 s here on two cores. Each program has
// the compiler options of the projects it covers (tsconfig.server.json: every library, the api-e2e
// suite and the tools, whose per-project configurations are identical; tsconfig.apps.json: the api and
// worker apps without test types), so it reports what they report.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '../..');
const PROGRAMS = [
  'tools/ci/tsconfig.server.json',
  'apps/web/tsconfig.app.json',
  'apps/web/tsconfig.spec.json',
  'tools/ci/tsconfig.apps.json',
  'apps/web-e2e/tsconfig.json',
  'libs/api-client/tsconfig.lib.json',
];
const PARALLEL = 2;

function check(project) {
  const started = Date.now();
  return new Promise((resolve) => {
    const tsc = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit', '--pretty', 'false'], { cwd: ROOT });
    let output = '';
    tsc.stdout.on('data', (d) => (output += d));
    tsc.stderr.on('data', (d) => (output += d));
    tsc.on('close', (code) => {
      console.log(`${code === 0 ? 'ok' : 'FAILED'} ${project} (${((Date.now() - started) / 1000).toFixed(1)} s)${output ? `\n${output.trimEnd()}` : ''}`);
      resolve(code === 0);
    });
  });
}

async function main() {
  const queue = [...PROGRAMS];
  const results = [];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (queue.length) results.push(await check(queue.shift()));
    }),
  );
  process.exit(results.every(Boolean) ? 0 : 1);
}

module.exports = { PROGRAMS };
if (require.main === module) main();
