// `npm run bench -- [--scale small|medium|full] [--api-replicas N] [--workers N] [--only a,b] [--reports r,s] [--json]`:
// a fresh database and Redis prefix, the built api and worker as child processes, a seeded
// organization, then each scenario against its baseline in the same run; prints one table and
// writes bench/results.json. See README.md "Benchmarks".
import Redis from 'ioredis';
import os from 'node:os';
import { ApiClient } from './api-client';
import { BenchArgs, parseArgs, ScenarioId, seedPlan } from './args';
import { BenchDatabase, createBenchDatabase } from './database';
import { machine, ScenarioOutcome, tableOf, writeResults } from './report';
import { runScenario } from './run-scenario';
import { BenchContext, Scenario } from './scenario';
import { ingestBatch } from './scenarios/ingest-batch';
import { ingestSingle } from './scenarios/ingest-single';
import { insights } from './scenarios/insights';
import { lists } from './scenarios/lists';
import { memory } from './scenarios/memory';
import { reports } from './scenarios/reports';
import { webhookFanout } from './scenarios/webhook-fanout';
import { seed, SeedInfo } from './seed';
import { ensureBuilt, Stack, stackEnv, startStack } from './stack';

/** In run order; memory last, so its peaks cover everything else. */
const SCENARIOS: Scenario[] = [ingestBatch, ingestSingle, reports, lists, webhookFanout, insights, memory];

let args: BenchArgs;
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
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const stamp = `${startedAt.toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const prefix = `ck_bench_${stamp}`;
  let db: BenchDatabase | undefined;
  let stack: Stack | undefined;
  const cleanup = async () => {
    await stack?.stop().catch(() => undefined);
    await clearRedis(prefix).catch(() => undefined);
    if (db && !args.keep) await db.drop().catch((e: Error) => log(`could not drop ${db?.name}: ${e.message}`));
    else if (db) log(`kept database ${db.name} (--keep)`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  try {
    log(`scale ${args.scale.name}, ${args.apiReplicas} api replica(s), ${args.workers} worker(s); scenarios: ${args.only.join(', ')}${args.reports.length ? ` (reports: ${args.reports.join(', ')})` : ''}`);
    await ensureBuilt(args.build, log);
    db = await createBenchDatabase(stamp, log);
    stack = await startStack(stackEnv(db.url, prefix), args.apiReplicas, args.workers, log);
    const api = new ApiClient(stack.urls);
    const { organizationId, userId } = await api.signUp();
    const check = async (from: string, to: string) => JSON.parse((await api.slowOk('POST', '/api/v1/reports/rollups/check', { date_from: from, date_to: to })).body);
    const plan = seedPlan(args);
    const seeded: SeedInfo = await seed(db.pool, organizationId, userId, plan.scale, check, log, plan.rollups);
    log(`seeded in ${seeded.seconds.toFixed(1)} s (rollups ${seeded.rollupSeconds.toFixed(1)} s): ${Object.entries(seeded.rows).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}`);

    const ctx: BenchContext = { scale: args.scale, api, pool: db.pool, seed: seeded, stack, log, reports: args.reports };
    const outcomes: ScenarioOutcome[] = [];
    for (const scenario of SCENARIOS.filter((s) => args.only.includes(s.id as ScenarioId))) outcomes.push(await runScenario(scenario, ctx));

    const results = writeResults(args, startedAt, seeded, await machine(db.pool, loadAtStart), outcomes);
    if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else process.stdout.write(`\n${tableOf(outcomes, args.scale.name === 'full')}\n\nresults written to ${args.out}\n`);
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
