// 3. Reports: every report of the contract with random date ranges, api p50/p95 against the
// raw GROUP BY over the source rows in the same run, and the figures checked equal (to the
// cent and second) for every range the raw query also ran.
import { EndpointMissing } from '../api-client';
import { cpuDuring } from '../limits/process-cpu';
import { BenchContext, percentile, randomSource, ResultRow, round, Scenario, skippedRow, timed } from '../scenario';
import { ApiReport, firstDifference, rawFigures, REPORTS, ReportSpec } from './report-queries';

const DAY = 86_400_000;
/** Time one report's latency calls may take. */
const BUDGET_MS = 60_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A random range of whole UTC days inside the seeded year (date_to excluded). */
function ranges(ctx: BenchContext, count: number, seed: number): Array<{ from: string; to: string }> {
  const random = randomSource(seed);
  const start = ctx.seed.yearStart.getTime();
  return Array.from({ length: count }, () => {
    const offset = Math.floor(random() * 365);
    const length = 1 + Math.floor(random() * (365 - offset));
    return { from: day(start + offset * DAY), to: day(start + (offset + length) * DAY) };
  });
}

async function measure(ctx: BenchContext, spec: ReportSpec, seed: number): Promise<ResultRow> {
  const route = `/api/v1/reports/${spec.name}`;
  const query = (r: { from: string; to: string }) => `${route}?${spec.params ?? ''}date_from=${r.from}&date_to=${r.to}`;
  const checked = ranges(ctx, ctx.scale.rawReportCalls, seed);
  await ctx.api.ok('GET', query(checked[0])); // warm-up and route check

  const apiMs: number[] = [];
  const rawMs: number[] = [];
  let difference: string | null = null;
  for (const r of checked) {
    const api = await ctx.api.ok<ApiReport>('GET', query(r));
    apiMs.push(api.ms);
    const raw = await timed(() => ctx.pool.query(spec.rawSql, [ctx.seed.organizationId, `${r.from}T00:00:00Z`, `${r.to}T00:00:00Z`]));
    rawMs.push(raw.ms);
    difference ??= ((d) => (d ? `${r.from}..${r.to} ${d}` : null))(firstDifference(spec.fromApi(api.body), rawFigures(spec, raw.value.rows)));
  }
  const deadline = performance.now() + BUDGET_MS;
  let bytes = 0;
  // The calls without a raw query beside them: what the api and its PostgreSQL backends spend on each.
  const { value: calls, cpu } = await cpuDuring(ctx.pool, { pids: { api: ctx.stack.apis.map((a) => a.child.pid) }, backends: { postgres: 'clockwork-api' } }, async () => {
    let count = 0;
    for (const r of ranges(ctx, ctx.scale.reportCalls - checked.length, seed + 1)) {
      if (performance.now() > deadline) break; // a slow report must not hold the whole run
      const answer = await ctx.api.ok('GET', query(r));
      apiMs.push(answer.ms);
      bytes += Buffer.byteLength(JSON.stringify(answer.body));
      count++;
    }
    return count;
  });
  const perCall = (seconds: number) => (calls ? round((seconds * 1000) / calls) : NaN);

  const p95 = percentile(apiMs, 95);
  const rawP50 = percentile(rawMs, 50);
  return {
    scenario: 'reports',
    metric: `GET /reports/${spec.name}${spec.params ? `?${spec.params.replace(/&$/, '')}` : ''} p95 (random ranges)`,
    unit: 'ms',
    measured: round(p95),
    baseline: round(rawP50),
    baselineLabel: 'raw GROUP BY p50',
    ratio: round(rawP50 / p95, rawP50 / p95 < 10 ? 2 : 1),
    ratioKind: 'baseline/measured',
    targets: [
      { kind: 'max', value: 50, of: 'measured' },
      { kind: 'min', value: 50, of: 'ratio' },
    ],
    pass: difference ? false : null,
    note: `${apiMs.length} calls, p50 ${round(percentile(apiMs, 50))} ms; per call (${calls} without a raw query beside them): api CPU ${perCall(cpu.api)} ms, its PostgreSQL backends ${perCall(cpu.postgres)} ms, answer ${calls ? Math.round(bytes / calls / 1024) : NaN} kB of JSON; ${checked.length} ranges compared with the raw figures: ${difference ? `DIFFER at ${difference}` : 'equal'}`,
  };
}

export const reports: Scenario = {
  id: 'reports',
  title: 'Reports',
  async run(ctx) {
    const rows: ResultRow[] = [];
    for (const [i, spec] of REPORTS.entries()) {
      if (ctx.reports?.length && !ctx.reports.includes(spec.name)) continue; // --reports: the others are not measured
      try {
        rows.push(await measure(ctx, spec, 1000 + i));
      } catch (e) {
        if (!(e instanceof EndpointMissing)) throw e;
        rows.push(skippedRow('reports', `GET /reports/${spec.name}`, e.message));
      }
    }
    return rows;
  },
};
