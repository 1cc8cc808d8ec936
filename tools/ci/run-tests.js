#!/usr/bin/env node
// `npm test`: everything CI checks, in the order that fails fastest — lint, types, builds,
// unit tests, then the e2e suites against real PostgreSQL and Redis (and Chromium for web).
// Ends with one summary line, `tests: N passed, N failed`, summed from Jest's JSON results.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { stripVTControlCharacters } = require('node:util');

const ROOT = join(__dirname, '../..');
const RESULTS = join(ROOT, 'tmp/test-results');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };
const nx = (...args) => ['node', [join(ROOT, 'node_modules/nx/dist/bin/nx.js'), ...args, '--outputStyle=stream']];

/**
 * The e2e suites run against a migrated database. Without DATABASE_URL (a developer's plain
 * `npm test`), one is created for this run on TEST_DATABASE_URL's server (default: the local
 * PostgreSQL), migrated, and dropped at the end.
 */
async function withTestDatabase(work) {
  if (process.env.DATABASE_URL) return work();
  const { Client } = require('pg');
  const admin = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  admin.pathname = '/postgres';
  const name = `clockwork_test_${Date.now().toString(36)}_${process.pid}`;
  const sql = async (query) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  try {
    const migrate = spawnSync('node', ['-r', './tools/register.js', 'tools/db/migrate.ts'], { cwd: ROOT, env, stdio: 'inherit' });
    if (migrate.status !== 0) throw new Error('migrating the test database failed');
    return work();
  } finally {
    await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** Every library's Jest configuration (libs/<scope>/<name>/jest.config.js and libs/<name>/jest.config.js). */
function libraryJestConfigs() {
  const configs = [];
  const walk = (dir, depth) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const config = join(dir, entry.name, 'jest.config.js');
      if (existsSync(config)) configs.push(config);
      else if (depth < 2) walk(join(dir, entry.name), depth + 1);
    }
  };
  walk(join(ROOT, 'libs'), 1);
  return configs;
}

/** One Jest run (of a configuration, or of several as projects), its JSON results beside the others'. */
const jest = (configs, name) => [
  'node',
  [join(ROOT, 'node_modules/jest/bin/jest.js'), ...(Array.isArray(configs) ? ['--projects', ...configs] : ['-c', configs]), '--maxWorkers=2', '--ci', '--json', `--outputFile=${join(RESULTS, `${name}.json`)}`],
];

const steps = [
  // One ESLint process over the workspace (the same files and config as the projects' lint targets)
  // took 25 s where 42 Nx lint tasks took 69 s. Its module-boundary rule reads Nx's project graph,
  // which `nx show projects` computes and caches first (without it the rule is skipped).
  ['project graph', ...nx('show', 'projects')],
  ['lint', 'node', [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '.']],
  // Six tsc programs over every project (tools/ci/typecheck.js), not one per project.
  ['type-check', 'node', [join(ROOT, 'tools/ci/typecheck.js')]],
  ['build', ...nx('run-many', '-t', 'build', '--parallel=2')],
  // The three unit suites one after the other, each on two workers (Vitest's and Jest's defaults
  // leave one of CI's two cores idle): every library's Jest configuration as the projects of one
  // Jest run (one start instead of 35 Nx tasks), the web app's component tests (Vitest, one jsdom
  // per worker: apps/web/vite.config.mts) and the tools' (the bench's small run takes about 150 s of
  // them). Nx ran them as 37 tasks, two at a time, each on one worker: 402 s. Side by side the three
  // took 371 s, and a web test gave up under the load.
  ['unit tests', 'each', [
    jest(libraryJestConfigs(), 'libraries'),
    ['node', [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'apps/web/vite.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(RESULTS, 'web.json')}`]],
    jest(join(ROOT, 'tools/jest.config.js'), 'tools'),
  ]],
  // One suite at a time: both are CPU-bound, and side by side on two cores they took longer in all
  // (measured in CI). The builds web-e2e depends on were made by the step before.
  ['e2e tests', ...nx('run-many', '-t', 'e2e', 'e2e-faults', 'e2e-pooler-faults', 'e2e-shutdown', '--parallel=1', '--skip-nx-cache', '--excludeTaskDependencies')],
];

// CI shows only the tail of the output: the failures are named again there, one line each,
// with the start of their message (Jest's and Vitest's JSON reports share this shape).
const firstLine = (text) => stripVTControlCharacters(String(text ?? '')).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join(' | ').slice(0, 400);

function summary() {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const file of readdirSync(RESULTS).filter((f) => f.endsWith('.json'))) {
    const result = JSON.parse(readFileSync(join(RESULTS, file), 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
    for (const suite of result.testResults ?? []) {
      const where = suite.name ? suite.name.replace(`${ROOT}/`, '') : file;
      const broken = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of broken) failures.push(`${where} › ${a.fullName ?? a.title}: ${firstLine((a.failureMessages ?? []).join('\n'))}`);
      if (!broken.length && suite.status === 'failed') failures.push(`${where}: ${firstLine(suite.message)}`);
    }
  }
  return { passed, failed, failures };
}

function runSteps() {
  for (const [name, cmd, args] of steps) {
    const t0 = Date.now();
    console.log(`\n=== ${name} ===`);
    // 'each': every command runs, even after one failed, so one run reports every failing suite.
    const codes = (cmd === 'each' ? args : [[cmd, args]]).map(([c, a]) => spawnSync(c, a, { cwd: ROOT, env, stdio: 'inherit' }).status);
    const ok = codes.every((code) => code === 0);
    console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s ===`);
    if (!ok) return name;
  }
  return undefined;
}

async function main() {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const started = Date.now();
  const failedStep = await withTestDatabase(runSteps);
  const { passed, failed, failures } = summary();
  if (failures.length) console.log(`\nfailed tests:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  console.log(`\nnpm test ${failedStep ? `failed at: ${failedStep}` : 'passed'} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failedStep || failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
