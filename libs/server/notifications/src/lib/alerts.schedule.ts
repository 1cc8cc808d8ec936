import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Env, scheduleEvery } from '@clockwork/server-core';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { ALERTS_SCAN_JOB } from './alerts.processor';

/** Registers the repeatable alert scan when the worker starts. */
@Injectable()
export class AlertsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlertsSchedule.name);

  constructor(
    @InjectQueue(QUEUES.alerts) private readonly queue: Queue,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await scheduleEvery(this.queue, ALERTS_SCAN_JOB, this.env.ALERTS_INTERVAL_SECONDS * 1000);
    } catch (e) {
      this.logger.warn(`Could not schedule the alert scan: ${(e as Error).message}`);
    }
  }
}
