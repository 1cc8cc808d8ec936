import { getQueueToken } from '@nestjs/bull';
import { Logger, OnApplicationBootstrap, Provider } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/environment.config';
import { scheduleEvery } from './schedule-every.schedule';

export interface RepeatableJob {
  /** The Bull queue (a QUEUES name) the job runs on. */
  queue: string;
  /** The job name its processor handles. */
  job: string;
  /** The interval, from the environment (e.g. HOUSEKEEPING_INTERVAL_SECONDS * 1000). */
  everyMs: (env: Env) => number;
  /** What the log line names when scheduling fails ("housekeeping"). */
  what: string;
  /** Finished runs Bull keeps of each outcome (default 50). */
  keep?: number;
}

/**
 * Registers one repeatable job when the worker starts (scheduleEvery: one schedule per name,
 * earlier intervals removed). A failure is logged, and the worker starts anyway.
 */
export class RepeatableJobSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scheduling');

  constructor(
    private readonly queue: Queue,
    readonly job: RepeatableJob,
    readonly everyMs: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await scheduleEvery(this.queue, this.job.job, this.everyMs, this.job.keep);
    } catch (e) {
      this.logger.warn(`Could not schedule ${this.job.what}: ${(e as Error).message}`);
    }
  }
}

/** The provider that schedules `job` at worker start; list it in the worker module that registers the queue. */
export function repeatableJob(job: RepeatableJob): Provider {
  return {
    provide: `repeatable-job:${job.queue}:${job.job}`,
    inject: [getQueueToken(job.queue), Env],
    useFactory: (queue: Queue, env: Env) => new RepeatableJobSchedule(queue, job, job.everyMs(env)),
  };
}
