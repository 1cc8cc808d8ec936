import { Process, Processor } from '@nestjs/bull';
import { QUEUES } from '@clockwork/shared-jobs';
import { NotificationMailer } from './notification.mailer';
import { AlertScanResult, TaskAlertsService } from './task-alerts.service';

export const ALERTS_SCAN_JOB = 'scan';

/** Thin processor: every ALERTS_INTERVAL_SECONDS, the task alert scan, then the pending emails. */
@Processor(QUEUES.alerts)
export class AlertsProcessor {
  constructor(
    private readonly alerts: TaskAlertsService,
    private readonly mailer: NotificationMailer,
  ) {}

  @Process({ name: ALERTS_SCAN_JOB, concurrency: 1 })
  async scan(): Promise<AlertScanResult & { emailed: number }> {
    const result = await this.alerts.scan();
    return { ...result, emailed: await this.mailer.sendPending() };
  }
}
