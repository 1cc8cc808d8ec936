// 1. Batch ingestion: rows/s through POST /time-entries/batch (5,000 per request, several at
// once) against a raw COPY FROM STDIN of the same rows, as the api would store them, into
// time_entries in the same run (same batch size and concurrency; the rollup triggers fire for both).
import { randomUUID } from 'node:crypto';
import { waitForDrain } from '../outbox-drain';
import { copyRows } from '../pg-copy';
import { BenchContext, pooled, ResultRow, round, Scenario, timed } from '../scenario';
import { agentEntries, AgentEntry, dealsOf, usersOf } from './entries';

const BATCH = 5_000;
const COLUMNS = ['organization_id', 'id', 'external_id', 'user_id', 'employee_id', 'deal_id', 'account_id', 'project_name', 'tags', 'start_time', 'end_time',
  'duration_seconds', 'activity_type', 'productivity_score', 'source', 'mapping_status', 'mapping_rule', 'sync_status', 'billable'];

function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

async function throughApi(ctx: BenchContext, entries: AgentEntry[]): Promise<{ ms: number; created: number }> {
  const { ms, value } = await timed(() =>
    pooled(batches(entries), ctx.scale.batchConcurrency, async (entries) => {
      const res = await ctx.api.ok<{ results: { status: string }[] }>('POST', '/api/v1/time-entries/batch', { entries });
      return res.body.results.filter((r) => r.status === 'created').length;
    }),
  );
  return { ms, created: value.reduce((a, b) => a + b, 0) };
}

async function rawCopy(ctx: BenchContext, entries: AgentEntry[], accountOf: Map<string, string | null>): Promise<{ ms: number; stored: number }> {
  const org = ctx.seed.organizationId;
  const rows = entries.map((e) => [
    org, randomUUID(), `${e.external_id}-copy`, e.user_id, null, e.deal_id, accountOf.get(e.deal_id) ?? null, e.project_name, e.tags, e.start_time, e.end_time,
    e.duration_seconds, e.activity_type, e.productivity_score, e.source, 'mapped', 'explicit_deal', 'pending', true,
  ]);
  const { ms, value } = await timed(() =>
    pooled(batches(rows), ctx.scale.batchConcurrency, async (batch) => {
      const client = await ctx.pool.connect();
      try {
        return await copyRows(client, 'time_entries', COLUMNS, batch);
      } finally {
        client.release();
      }
    }),
  );
  return { ms, stored: value.reduce((a, b) => a + b, 0) };
}

export const ingestBatch: Scenario = {
  id: 'ingest-batch',
  title: 'Batch ingestion',
  async run(ctx) {
    const deals = await dealsOf(ctx);
    const accountOf = new Map(deals.map((d) => [d.id, d.account_id]));
    const entries = agentEntries(ctx, deals, await usersOf(ctx), ctx.scale.batchRows, 'batch');
    await ctx.api.ok('POST', '/api/v1/time-entries/batch', { entries: entries.slice(0, 1) }); // warm-up and route check
    const api = await throughApi(ctx, entries.slice(1));
    // The worker processes one domain event per stored entry; COPY runs once it is done, so the
    // baseline has the machine to itself, as the api had it apart from its own worker.
    const drain = await waitForDrain(ctx, 20 * 60_000);
    const copy = await rawCopy(ctx, entries, accountOf);
    const apiRate = api.created / (api.ms / 1000);
    const copyRate = copy.stored / (copy.ms / 1000);
    const complete = api.created === entries.length - 1;
    const row: ResultRow = {
      scenario: 'ingest-batch',
      metric: `POST /time-entries/batch (${BATCH.toLocaleString('en-US')}/request, ${ctx.scale.batchConcurrency} concurrent)`,
      unit: 'rows/s',
      measured: round(apiRate, 0),
      baseline: round(copyRate, 0),
      baselineLabel: 'raw COPY FROM STDIN, same rows',
      ratio: round(apiRate / copyRate, 3),
      targets: [{ kind: 'min', value: 0.5, of: 'ratio' }],
      pass: complete ? null : false,
      note: `${api.created.toLocaleString('en-US')} rows created through the api in ${round(api.ms / 1000, 1)} s; ${copy.stored.toLocaleString('en-US')} copied in ${round(copy.ms / 1000, 1)} s${complete ? '' : ' (some entries were not created)'}`,
    };
    const drainSeconds = api.ms / 1000 + drain.seconds;
    const events: ResultRow = {
      scenario: 'ingest-batch',
      metric: 'domain events processed by the worker (from the first batch sent until all processed)',
      unit: 'events/s',
      measured: round(api.created / drainSeconds, 0),
      baseline: round(apiRate, 0),
      baselineLabel: 'rows/s stored by the api',
      ratio: round(api.created / drainSeconds / apiRate, 3),
      targets: [],
      pass: drain.left === 0 ? null : false,
      note: `${api.created.toLocaleString('en-US')} events, all processed ${round(drain.seconds, 1)} s after the last batch${drain.left ? `; ${drain.left} still pending` : ''}`,
    };
    return [row, events];
  },
};
