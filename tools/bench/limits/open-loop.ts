// Latency at a fixed arrival rate (open loop): requests start on a schedule whatever is still in
// flight, and each latency counts from its scheduled start, so time spent queueing shows in the
// percentiles (a closed loop, autocannon's, waits for a free connection and hides it).
import { sleep } from '../../dev/free-port';

export interface OpenLoopRun {
  /** Requests per second offered. */
  rate: number;
  sent: number;
  ok: number;
  /** Requests the server refused at once for load (503 with Retry-After, HTTP_MAX_IN_FLIGHT): answered, not served. */
  refused: number;
  failed: number;
  /** Completed requests per second, from the first start to the last answer. */
  achieved: number;
  /** Of the requests served or failed (a refusal is no latency of the write), from each one's scheduled start. */
  latencies: number[];
}

/** What one call came to: served, refused for load, or failed otherwise (false). */
export type Outcome = boolean | 'refused';

/** Starts `Math.round(rate * seconds)` calls of `fire`, evenly spaced; waits for all to answer. */
export async function openLoop(rate: number, seconds: number, fire: () => Promise<Outcome>): Promise<OpenLoopRun> {
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let ok = 0;
  let refused = 0;
  let failed = 0;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const scheduled = started + (sent * 1000) / rate;
      inFlight.push(
        fire().then(
          (outcome) => {
            if (outcome === 'refused') return void refused++;
            latencies.push(performance.now() - scheduled);
            if (outcome) ok++;
            else failed++;
          },
          () => void failed++,
        ),
      );
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return { rate, sent, ok, refused, failed, achieved: ok / ((performance.now() - started) / 1000), latencies };
}
