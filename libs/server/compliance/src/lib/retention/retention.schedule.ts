import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Env, scheduleEvery } from '@clockwork/server-core';
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
    try {
      await scheduleEvery(this.queue, RETENTION_JOB, this.env.RETENTION_INTERVAL_SECONDS * 1000, 30);
    } catch (e) {
      this.logger.warn(`Could not schedule retention: ${(e as Error).message}`);
    }
  }
}
