import { Processor } from '@nestjs/bull';
import { GatedProcess } from '@clockwork/server-core';
import { ALERTS_SCAN_JOB, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { NotificationMailer } from './notification.mailer';
import { AlertScanResult, TaskAlertsService } from './task-alerts.service';

export { ALERTS_SCAN_JOB };

/** Thin processor: every ALERTS_INTERVAL_SECONDS, the task alert scan, then the pending emails. */
@Processor(QUEUES.alerts)
export class AlertsProcessor {
  constructor(
    private readonly alerts: TaskAlertsService,
    private readonly mailer: NotificationMailer,
  ) {}

  @GatedProcess(QUEUES.alerts, { name: ALERTS_SCAN_JOB, concurrency: 1 })
  async scan(_job: Job): Promise<AlertScanResult & { emailed: number }> {
    const result = await this.alerts.scan();
    return { ...result, emailed: await this.mailer.sendPending() };
  }
}
