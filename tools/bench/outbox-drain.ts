// The worker's backlog: domain events written by a scenario (one per stored time entry) that the
// worker has not processed yet. Scenarios wait for it to drain so the next one measures a quiet
// stack, and ingestion reports how fast the worker got through its events.
import { sleep } from '../dev/free-port';
import type { BenchContext } from './scenario';

export interface Drain {
  /** Events that were pending when the wait began. */
  events: number;
  seconds: number;
  /** Still pending when the wait gave up (0 when drained). */
  left: number;
}

export async function pendingEvents(ctx: BenchContext): Promise<number> {
  const { rows } = await ctx.pool.query<{ n: string }>(`SELECT count(*) n FROM outbox_events WHERE organization_id = $1 AND processed_at IS NULL`, [ctx.seed.organizationId]);
  return Number(rows[0].n);
}

/** Waits until the organization's outbox is processed, or until `timeoutMs` passes. */
export async function waitForDrain(ctx: BenchContext, timeoutMs: number): Promise<Drain> {
  const started = performance.now();
  const events = await pendingEvents(ctx);
  let left = events;
  for (let loggedAt = started; left > 0 && performance.now() - started < timeoutMs; await sleep(250)) {
    left = await pendingEvents(ctx);
    if (performance.now() - loggedAt > 10_000) {
      ctx.log(`  worker backlog: ${left.toLocaleString('en-US')} events`);
      loggedAt = performance.now();
    }
  }
  return { events, seconds: (performance.now() - started) / 1000, left };
}
