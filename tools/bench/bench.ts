// `npm run bench -- [--scale small|medium|full] [--api-replicas N] [--workers N] [--pgbouncer] [--replica] [--only a,b] [--reports r,s] [--json]`:
// a fresh database (behind its own PgBouncer, on its own primary and replica, when asked) and Redis prefix, the built api and worker as child processes, a seeded
// organization, then each scenario against its baseline in the same run; prints one table and
// writes bench/results.json and its chart bench/results.svg (`--chart a.json` redraws one). `--compare a.json b.json` prints two results side by side. See README.md "Benchmarks".
import Redis from 'ioredis';
import os from 'node:os';
import { ApiClient } from './api-client';
import { BenchArgs, parseArgs, ScenarioId, seedPlan } from './args';
import { readFileSync, writeFileSync } from 'node:fs';
import { compareResults, ResultsFile } from './compare';
import { growthOf } from './growth';
import { chartPathOf, chartSvg } from './results.chart';
import { machine, ScenarioOutcome, tableOf, writeResults } from './report';
import { runScenario } from './run-scenario';
import { BenchContext, Scenario } from './scenario';
import { ingestBatch } from './scenarios/ingest-batch';
import { ingestSingle } from './scenarios/ingest-single';
import { insights } from './scenarios/insights';
import { lists } from './scenarios/lists';
import { memory } from './scenarios/memory';
import { reports } from './scenarios/reports';
import { retention } from './scenarios/retention';
import { search } from './scenarios/search';
import { webhookFanout } from './scenarios/webhook-fanout';
import { seed, SeedInfo } from './seed';
import { readsBetween, readsTable, replicaReady, snapshot } from './server-reads';
import { AppProcess, ensureBuilt, memoryOf, Stack, stackEnv, startStack } from './stack';
import { startTopology, Topology, topologyLabel } from './topology';

/** In run order; memory last, so its peaks cover everything else. */
const SCENARIOS: Scenario[] = [ingestBatch, ingestSingle, reports, lists, search, webhookFanout, insights, retention, memory];

let args: BenchArgs;

/** The highest VmHWM of these processes, MB. */
const peakMb = (processes: AppProcess[]) => Math.round(Math.max(...processes.map((p) => memoryOf(p.child.pid).peak)) / 1024 / 1024);

/** Writes the results' chart beside the results file; returns its path. */
function drawChart(results: ResultsFile, resultsPath: string): string {
  const file = chartPathOf(resultsPath);
  writeFileSync(file, chartSvg(results));
  return file;
}
const log = (message: string) => (args?.json ? process.stderr : process.stdout).write(`bench    | ${message}\n`);

async function clearRedis(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  args = parseArgs(process.argv.slice(2));
  if (args.compare) {
    process.stdout.write(`${compareResults(...args.compare)}\n`);
    return;
  }
  if (args.growth) {
    process.stdout.write(`${growthOf(args.growth)}\n`);
    return;
  }
  if (args.chart) {
    process.stdout.write(`chart written to ${drawChart(JSON.parse(readFileSync(args.chart, 'utf8')), args.chart)}\n`);
    return;
  }
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const stamp = `${startedAt.toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const prefix = `ck_bench_${stamp}`;
  let topology: Topology | undefined;
  let stack: Stack | undefined;
  const cleanup = async () => {
    await stack?.stop().catch(() => undefined);
    await clearRedis(prefix).catch(() => undefined);
    const name = topology?.database.name;
    await topology?.stop(args.keep).catch((e: Error) => log(`could not drop ${name}: ${e.message}`));
    if (topology && args.keep) log(`kept database ${name} (--keep)`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  try {
    log(`scale ${args.scale.name}, ${args.apiReplicas} api replica(s), ${args.workers} worker(s); scenarios: ${args.only.join(', ')}${args.reports.length ? ` (reports: ${args.reports.join(', ')})` : ''}`);
    log(`topology: ${topologyLabel(args)}`);
    await ensureBuilt(args.build, log);
    topology = await startTopology(args, prefix, log);
    const db = topology.database;
    stack = await startStack({ ...stackEnv(db.url, prefix), ...topology.appEnv }, args.apiReplicas, args.workers, log);
    const api = new ApiClient(stack.urls);
    const { organizationId, userId } = await api.signUp();
    const check = async (from: string, to: string) => JSON.parse((await api.slowOk('POST', '/api/v1/reports/rollups/check', { date_from: from, date_to: to })).body);
    const plan = seedPlan(args);
    const seeded: SeedInfo = await seed(db.pool, organizationId, userId, plan.scale, check, log, plan.rollups);
    log(`seeded in ${seeded.seconds.toFixed(1)} s (rollups ${seeded.rollupSeconds.toFixed(1)} s): ${Object.entries(seeded.rows).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}`);

    const ctx: BenchContext = { scale: args.scale, api, pool: db.pool, seed: seeded, stack, log, reports: args.reports };
    const outcomes: ScenarioOutcome[] = [];
    const pair = topology.pair;
    for (const scenario of SCENARIOS.filter((s) => args.only.includes(s.id as ScenarioId))) {
      const before = pair && (await replicaReady(pair, log), await snapshot(pair, db.name));
      const outcome = await runScenario(scenario, ctx);
      if (pair && before) outcome.reads = readsBetween(before, await snapshot(pair, db.name));
      outcome.peak_rss_mb = { api: peakMb(stack.apis), worker: peakMb(stack.workers) };
      log(`  ${scenario.id}: ${outcome.seconds} s; peak RSS so far: api ${outcome.peak_rss_mb.api} MB, worker ${outcome.peak_rss_mb.worker} MB`);
      outcomes.push(outcome);
    }

    const results = writeResults(args, startedAt, seeded, await machine(db.pool, loadAtStart), outcomes, topologyLabel(args));
    const chart = drawChart(results as unknown as ResultsFile, args.out);
    const reads = pair ? `\n\nReads by server (pg_stat_database; the bench's own raw baselines read the primary):\n${readsTable(outcomes)}` : '';
    if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else process.stdout.write(`\ntopology: ${topologyLabel(args)}\n${tableOf(outcomes, args.scale.name === 'full')}${reads}\n\nresults written to ${args.out}, chart to ${chart}\n`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`bench    | ${e.message}\n`);
    process.exit(1);
  },
);
