import type { Job } from 'bull';
import { JobRefused } from './job-gate.guard';

/** Whether Bull will run a failed job again (it has attempts left). */
export const willRetry = (job: Job): boolean => job.attemptsMade < (job.opts.attempts ?? 1);

export interface JobFailureHandlers {
  /** Logs a failed attempt (`last`: no attempt follows). */
  log: (last: boolean) => void;
  /** After the last attempt: e.g. marks the job's record failed, naming how many attempts were made. */
  giveUp?: (attempts: number) => Promise<unknown>;
}

/**
 * A processor's `@OnQueueFailed()`: a job the gate refused never ran (JobGate logged and counted
 * it) and is left alone; any other failure is logged, and after the last attempt given up on.
 */
export async function onJobFailed(job: Job, error: Error, handlers: JobFailureHandlers): Promise<void> {
  if (error instanceof JobRefused) return;
  const last = !willRetry(job);
  handlers.log(last);
  if (last) await handlers.giveUp?.(job.attemptsMade);
}
