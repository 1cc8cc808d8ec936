// Latency at a fixed arrival rate (open loop): requests start on a schedule whatever is still in
// flight, and each latency counts from its scheduled start, so time spent queueing shows in the
// percentiles (a closed loop, autocannon's, waits for a free connection and hides it).
import { sleep } from '../../dev/free-port';

export interface OpenLoopRun {
  /** Requests per second offered. */
  rate: number;
  sent: number;
  ok: number;
  failed: number;
  /** Completed requests per second, from the first start to the last answer. */
  achieved: number;
  latencies: number[];
}

/** Starts `Math.round(rate * seconds)` calls of `fire`, evenly spaced; waits for all to answer. */
export async function openLoop(rate: number, seconds: number, fire: () => Promise<boolean>): Promise<OpenLoopRun> {
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const scheduled = started + (sent * 1000) / rate;
      inFlight.push(
        fire().then(
          (good) => {
            latencies.push(performance.now() - scheduled);
            if (good) ok++;
            else failed++;
          },
          () => void failed++,
        ),
      );
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return { rate, sent, ok, failed, achieved: ok / ((performance.now() - started) / 1000), latencies };
}
