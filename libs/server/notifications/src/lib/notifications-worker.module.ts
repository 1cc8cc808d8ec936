import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MailModule, repeatableJob } from '@clockwork/server-core';
import { ALERTS_SCAN_JOB, QUEUES } from '@clockwork/shared-jobs';
import { AlertsProcessor } from './alerts.processor';
import { NotificationWriterModule } from './notification-writer.module';
import { NotificationMailer } from './notification.mailer';
import { TaskAlertsRepository } from './task-alerts.repository';
import { TaskAlertsService } from './task-alerts.service';
import { UnmappedEntriesHandler } from './unmapped-entries.handler';

/**
 * The worker side: the unmapped-entries notification (an event handler) and the repeatable
 * task alert scan with its emails. (Time entries' sync_status is kept by TimeEntriesWorkerModule
 * of libs/server/time-entries; housekeeping is the platform's, in libs/server/core.)
 */
@Module({
  imports: [MailModule, NotificationWriterModule, BullModule.registerQueue({ name: QUEUES.alerts })],
  providers: [
    UnmappedEntriesHandler,
    TaskAlertsRepository,
    TaskAlertsService,
    NotificationMailer,
    AlertsProcessor,
    repeatableJob({ queue: QUEUES.alerts, job: ALERTS_SCAN_JOB, everyMs: (env) => env.ALERTS_INTERVAL_SECONDS * 1000, what: 'the alert scan' }),
  ],
  exports: [TaskAlertsService, NotificationMailer, NotificationWriterModule],
})
export class NotificationsWorkerModule {}
