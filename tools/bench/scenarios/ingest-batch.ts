// 1. Batch ingestion: rows/s through POST /time-entries/batch (5,000 per request, several at
// once) against the bulk limit (limits/bulk-limit.ts): per batch one transaction of COPY FROM
// STDIN into the three tables the api writes (entries, audit rows, sealed outbox events), same
// rows, batch size and concurrency; the rollup triggers fire for both.
import { bulkLimit } from '../limits/bulk-limit';
import { waitForDrain } from '../outbox-drain';
import { BenchContext, pooled, ResultRow, round, Scenario, timed } from '../scenario';
import { agentEntries, AgentEntry, dealsOf, usersOf } from './entries';

const BATCH = 5_000;

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
    const me = await ctx.api.ok<{ id: string }>('GET', '/api/v1/users/me');
    const copy = await bulkLimit(ctx, batches(entries), accountOf, me.body.id, ctx.scale.batchConcurrency);
    const copyDrain = await waitForDrain(ctx, 20 * 60_000); // the next scenario measures a quiet stack
    const apiRate = api.created / (api.ms / 1000);
    const copyRate = copy.stored / (copy.ms / 1000);
    const complete = api.created === entries.length - 1;
    const row: ResultRow = {
      scenario: 'ingest-batch',
      metric: `POST /time-entries/batch (${BATCH.toLocaleString('en-US')}/request, ${ctx.scale.batchConcurrency} concurrent)`,
      unit: 'rows/s',
      measured: round(apiRate, 0),
      baseline: round(copyRate, 0),
      baselineLabel: 'bulk limit: COPY of the entries, audit rows and events, same rows',
      ratio: round(apiRate / copyRate, 3),
      targets: [{ kind: 'min', value: 0.7, of: 'ratio' }],
      pass: complete ? null : false,
      note: `${api.created.toLocaleString('en-US')} rows created through the api in ${round(api.ms / 1000, 1)} s; ${copy.stored.toLocaleString('en-US')} copied (with as many audit rows and events) in ${round(copy.ms / 1000, 1)} s, their events processed ${round(copyDrain.seconds, 1)} s later${complete ? '' : ' (some entries were not created)'}`,
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
