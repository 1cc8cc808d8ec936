import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES, ROLLUP_CHECK_JOB, RollupCheckJobData } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';

/** Every day at 03:20 UTC: the last 7 days, repaired. */
export const ROLLUP_CHECK_CRON = '20 3 * * *';
export const ROLLUP_CHECK_DEFAULTS: RollupCheckJobData = { days: 7, repair: true };

/** Registers the daily rollup check when the worker starts (Bull keeps one schedule for all workers). */
@Injectable()
export class ReportRollupsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportRollupsSchedule.name);

  constructor(@InjectQueue(QUEUES.reportRollups) private readonly queue: Queue<RollupCheckJobData>) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queue.add(ROLLUP_CHECK_JOB, ROLLUP_CHECK_DEFAULTS, { repeat: { cron: ROLLUP_CHECK_CRON, tz: 'UTC' }, removeOnComplete: 30, removeOnFail: 30 });
    } catch (e) {
      this.logger.warn(`Could not schedule the rollup check: ${(e as Error).message}`);
    }
  }
}
