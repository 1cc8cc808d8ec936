import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MailModule, repeatableJob } from '@clockwork/server-core';
import { ALERTS_SCAN_JOB, QUEUES } from '@clockwork/shared-jobs';
import { AlertsProcessor } from './alerts.processor';
import { NotificationWriterModule } from './notification-writer.module';
import { NotificationMailer } from './notification.mailer';
import { TaskAlertsRepository } from './task-alerts.repository';
import { TaskAlertsService } from './task-alerts.service';
import { TimeEntrySyncHandler } from './time-entry-sync.handler';
import { UnmappedEntriesHandler } from './unmapped-entries.handler';

/**
 * The worker side: the unmapped-entries notification and time-entry sync status (event
 * handlers), and the repeatable task alert scan with its emails.
 */
@Module({
  imports: [MailModule, NotificationWriterModule, BullModule.registerQueue({ name: QUEUES.alerts })],
  providers: [
    UnmappedEntriesHandler,
    TimeEntrySyncHandler,
    TaskAlertsRepository,
    TaskAlertsService,
    NotificationMailer,
    AlertsProcessor,
    repeatableJob({ queue: QUEUES.alerts, job: ALERTS_SCAN_JOB, everyMs: (env) => env.ALERTS_INTERVAL_SECONDS * 1000, what: 'the alert scan' }),
  ],
  exports: [TaskAlertsService, NotificationMailer, NotificationWriterModule],
})
export class NotificationsWorkerModule {}
