// Runs one scenario: its rows, or one row saying why it has none — skipped when its endpoint
// is not served (404), failed (and judged so) on any other error.
import { EndpointMissing } from './api-client';
import type { ScenarioOutcome } from './report';
import { BenchContext, Scenario, skippedRow } from './scenario';

export async function runScenario(scenario: Scenario, ctx: BenchContext): Promise<ScenarioOutcome> {
  const started = Date.now();
  const outcome = (status: ScenarioOutcome['status'], rows: ScenarioOutcome['rows'], reason?: string): ScenarioOutcome => ({
    id: scenario.id, title: scenario.title, status, reason, seconds: Math.round((Date.now() - started) / 100) / 10, rows,
  });
  ctx.log(`scenario ${scenario.id}: ${scenario.title}`);
  try {
    const rows = await scenario.run(ctx);
    const allSkipped = rows.every((r) => r.skipped);
    return outcome(allSkipped ? 'skipped' : 'measured', rows, allSkipped ? rows[0]?.skipped : undefined);
  } catch (e) {
    const missing = e instanceof EndpointMissing;
    const reason = missing ? e.message : `failed: ${(e as Error).message}`;
    ctx.log(`  ${reason}`);
    const row = skippedRow(scenario.id, scenario.title, reason);
    if (!missing) row.pass = false;
    return outcome(missing ? 'skipped' : 'failed', [row], reason);
  }
}
