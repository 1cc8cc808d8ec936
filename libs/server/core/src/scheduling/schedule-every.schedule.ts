import type { Queue } from 'bull';

/**
 * Schedules one repeatable job `name` (empty data) every `everyMs` on the queue (Bull keeps one
 * schedule per name and interval, shared by every worker), and removes the schedules of earlier
 * intervals of that name, so changing the setting does not leave the old one running. Bull keeps
 * the last `keep` finished runs of each outcome.
 */
export async function scheduleEvery(queue: Queue, name: string, everyMs: number, keep = 50): Promise<void> {
  for (const job of await queue.getRepeatableJobs()) {
    if (job.name === name && Number(job.every) !== everyMs) await queue.removeRepeatableByKey(job.key);
  }
  await queue.add(name, {}, { repeat: { every: everyMs }, removeOnComplete: keep, removeOnFail: keep });
}
