import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MailModule } from '@clockwork/server-core';
import { QUEUES } from '@clockwork/shared-jobs';
import { AlertsProcessor } from './alerts.processor';
import { AlertsSchedule } from './alerts.schedule';
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
    AlertsSchedule,
  ],
  exports: [TaskAlertsService, NotificationMailer, NotificationWriterModule],
})
export class NotificationsWorkerModule {}
