// Command line of `npm run bench` and the data sizes of each scale.
import path from 'node:path';
import { repoRoot } from '../dev/processes';
import { REPORTS } from './scenarios/report-queries';

export type ScaleName = 'small' | 'medium' | 'full';

/** How much data is seeded, and how hard each scenario pushes. */
export interface Scale {
  name: ScaleName;
  users: number;
  accounts: number;
  contacts: number;
  deals: number;
  tasksPerDeal: number;
  timeEntries: number;
  /** Rows sent through POST /time-entries/batch (in batches of 5,000), and as many copied raw. */
  batchRows: number;
  batchConcurrency: number;
  /** Seconds of each autocannon run, and its connections. */
  loadSeconds: number;
  loadConnections: number;
  /** Report calls per report (latency), and how many of them are also computed raw. */
  reportCalls: number;
  rawReportCalls: number;
  /** Requests per list page measurement, and the deep position. */
  listCalls: number;
  listDepth: number;
  /** The list target: p95 of one list page (50 rows, any depth, with or without `cf.<key>` filters), ms. */
  listP95Ms: number;
  /** Outbox events fanned out to each of `subscriptions` loopback subscriptions. */
  webhookEvents: number;
  subscriptions: number;
  /** Old time entries, audit rows and outbox events each, for the retention scenario. */
  retentionRows: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  small: {
    name: 'small', users: 20, accounts: 200, contacts: 11_000, deals: 50, tasksPerDeal: 4, timeEntries: 25_000,
    batchRows: 10_000, batchConcurrency: 2, loadSeconds: 2, loadConnections: 16,
    reportCalls: 8, rawReportCalls: 2, listCalls: 10, listDepth: 10_000, listP95Ms: 20, webhookEvents: 100, subscriptions: 4, retentionRows: 20_000,
  },
  medium: {
    name: 'medium', users: 100, accounts: 2_000, contacts: 100_000, deals: 200, tasksPerDeal: 10, timeEntries: 1_000_000,
    batchRows: 100_000, batchConcurrency: 4, loadSeconds: 10, loadConnections: 32,
    reportCalls: 60, rawReportCalls: 5, listCalls: 100, listDepth: 10_000, listP95Ms: 20, webhookEvents: 2_500, subscriptions: 4, retentionRows: 1_000_000,
  },
  full: {
    name: 'full', users: 500, accounts: 10_000, contacts: 1_000_000, deals: 1_000, tasksPerDeal: 10, timeEntries: 10_000_000,
    batchRows: 200_000, batchConcurrency: 4, loadSeconds: 30, loadConnections: 32,
    reportCalls: 100, rawReportCalls: 5, listCalls: 200, listDepth: 10_000, listP95Ms: 20, webhookEvents: 10_000, subscriptions: 4, retentionRows: 1_000_000,
  },
};

export const SCENARIO_IDS = ['ingest-batch', 'ingest-single', 'reports', 'lists', 'search', 'webhook-fanout', 'insights', 'retention', 'memory'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];
/** Scenarios that read no time rollups and at most one keyset page of time entries. */
const LIST_SCENARIOS: readonly ScenarioId[] = ['lists', 'search'];
/** Time entries a run of the list scenarios alone seeds: its page reads 51 rows of an index, and seeding 10M takes half an hour on a loaded machine. */
export const LIST_ONLY_TIME_ENTRIES = 1_000_000;

/** What the seed loads for these scenarios: the scale's data, or for the lists alone no rollups and at most LIST_ONLY_TIME_ENTRIES entries. */
export function seedPlan(args: Pick<BenchArgs, 'scale' | 'only'>): { scale: Scale; rollups: boolean } {
  if (!args.only.every((id) => LIST_SCENARIOS.includes(id))) return { scale: args.scale, rollups: true };
  return { scale: { ...args.scale, timeEntries: Math.min(args.scale.timeEntries, LIST_ONLY_TIME_ENTRIES) }, rollups: false };
}

/**
 * The list targets, judged at every scale (a keyset page reads the same 51 rows whatever the table
 * holds): p95 of a page ≤ the scale's `listP95Ms`, and ≤ LIST_RATIO_MAX × the HTTP limit serving
 * the same page (tools/bench/limits/http-limit.lists.ts) in the same run.
 */
export const LIST_RATIO_MAX = 1.5;

export interface BenchArgs {
  scale: Scale;
  apiReplicas: number;
  workers: number;
  /** The api and workers reach PostgreSQL through a PgBouncer the bench starts (transaction mode). */
  pgbouncer: boolean;
  /** The database lives on a throw-away primary with a streaming replica the reads go to. */
  replica: boolean;
  /** `--compare a.json b.json`: print two results files side by side instead of running. */
  compare?: [string, string];
  /** `--chart results.json`: draw the picture of a results file (results.svg beside it) instead of running. */
  chart?: string;
  /** `--growth a.json b.json …`: the cost-growth table of results files at growing scales instead of running. */
  growth?: string[];
  only: ScenarioId[];
  /** Reports the reports scenario measures (all when empty), by route name: `profitability`. */
  reports: string[];
  json: boolean;
  keep: boolean;
  build: boolean;
  out: string;
}

export const USAGE = `npm run bench -- [--scale small|medium|full] [--api-replicas N] [--workers N] [--pgbouncer] [--replica]
                    [--only ${SCENARIO_IDS.join(',')}] [--reports name,name] [--json] [--keep] [--build] [--out file] [--load-seconds N]
npm run bench -- --compare baseline.json other.json
npm run bench -- --chart results.json
npm run bench -- --growth small.json medium.json full.json`;

function count(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`${name} must be a whole number from 1 to 16, not "${value}"`);
  return n;
}

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    scale: SCALES.small, apiReplicas: 1, workers: 1, pgbouncer: false, replica: false, only: [...SCENARIO_IDS], reports: [], json: false, keep: false, build: false,
    out: path.join(repoRoot, 'bench/results.json'),
  };
  // `--load-seconds N`: each closed-loop load and open-loop step runs N s instead of the scale's (the harness's smoke test).
  let loadSeconds: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--scale': {
        const name = value();
        if (!(name in SCALES)) throw new Error(`--scale must be ${Object.keys(SCALES).join(', ')}, not "${name}"`);
        args.scale = SCALES[name as ScaleName];
        break;
      }
      case '--api-replicas': args.apiReplicas = count(flag, value()); break;
      case '--workers': args.workers = count(flag, value()); break;
      case '--only': {
        const ids = value().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = ids.filter((id) => !(SCENARIO_IDS as readonly string[]).includes(id));
        if (unknown.length || !ids.length) throw new Error(`--only takes ${SCENARIO_IDS.join(',')}; unknown: ${unknown.join(', ') || '(none given)'}`);
        args.only = ids as ScenarioId[];
        break;
      }
      case '--reports': {
        const names = value().split(',').map((s) => s.trim()).filter(Boolean);
        const known = REPORTS.map((r) => r.name);
        const unknown = names.filter((n) => !known.includes(n));
        if (unknown.length || !names.length) throw new Error(`--reports takes ${known.join(',')}; unknown: ${unknown.join(', ') || '(none given)'}`);
        args.reports = names;
        break;
      }
      case '--pgbouncer': args.pgbouncer = true; break;
      case '--replica': args.replica = true; break;
      case '--compare': {
        const files = [value(), argv[++i]];
        if (files.some((f) => !f || f.startsWith('--'))) throw new Error(`--compare takes two results files: --compare baseline.json other.json`);
        args.compare = files.map((f) => path.resolve(f)) as [string, string];
        break;
      }
      case '--chart': {
        const file = value();
        if (!file || file.startsWith('--')) throw new Error('--chart takes a results file: --chart bench/results.json');
        args.chart = path.resolve(file);
        break;
      }
      case '--growth': {
        const files: string[] = [];
        while (argv[i + 1] && !argv[i + 1].startsWith('--')) files.push(path.resolve(argv[++i]));
        if (files.length < 2) throw new Error('--growth takes two or more results files: --growth small.json medium.json full.json');
        args.growth = files;
        break;
      }
      case '--json': args.json = true; break;
      case '--keep': args.keep = true; break;
      case '--build': args.build = true; break;
      case '--out': args.out = path.resolve(value()); break;
      case '--load-seconds': {
        const raw = value();
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1 || n > 600) throw new Error(`--load-seconds must be a whole number of seconds from 1 to 600, not "${raw}"`);
        loadSeconds = n;
        break;
      }
      case '--help': case '-h': throw new Error(USAGE);
      default: throw new Error(`unknown argument "${argv[i]}"\n${USAGE}`);
    }
  }
  // The primary and replica of --replica are removed with the run: there is nothing to keep.
  if (args.keep && args.replica) throw new Error('--keep cannot be combined with --replica: its primary and replica are throw-away servers');
  if (loadSeconds !== undefined) args.scale = { ...args.scale, loadSeconds };
  return args;
}
