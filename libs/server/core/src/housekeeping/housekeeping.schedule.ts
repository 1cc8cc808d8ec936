import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { Env } from '../config/environment';
import { scheduleEvery } from '../scheduling/schedule-every';
import { HOUSEKEEPING_JOB } from './housekeeping.processor';

/** Registers the repeatable clean-up when the worker starts. */
@Injectable()
export class HousekeepingSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(HousekeepingSchedule.name);

  constructor(
    @InjectQueue(QUEUES.housekeeping) private readonly queue: Queue,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await scheduleEvery(this.queue, HOUSEKEEPING_JOB, this.env.HOUSEKEEPING_INTERVAL_SECONDS * 1000);
    } catch (e) {
      this.logger.warn(`Could not schedule housekeeping: ${(e as Error).message}`);
    }
  }
}
