import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Env } from '@clockwork/server-core';
import { QUEUES, RETENTION_JOB, RetentionJobData } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';

/**
 * Registers the repeatable retention run when the worker starts (Bull keeps one schedule for
 * every worker) and removes schedules of an earlier RETENTION_INTERVAL_SECONDS.
 */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionSchedule.name);

  constructor(
    @InjectQueue(QUEUES.retention) private readonly queue: Queue<RetentionJobData>,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.env.RETENTION_INTERVAL_SECONDS * 1000;
    try {
      for (const job of await this.queue.getRepeatableJobs()) {
        if (job.name === RETENTION_JOB && Number(job.every) !== every) await this.queue.removeRepeatableByKey(job.key);
      }
      await this.queue.add(RETENTION_JOB, {}, { repeat: { every }, removeOnComplete: 30, removeOnFail: 30 });
    } catch (e) {
      this.logger.warn(`Could not schedule retention: ${(e as Error).message}`);
    }
  }
}
