import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { AlertsProcessor } from './alerts.processor';
import { AlertsSchedule } from './alerts.schedule';
import { HousekeepingProcessor } from './housekeeping.processor';
import { HousekeepingSchedule } from './housekeeping.schedule';
import { HousekeepingService } from './housekeeping.service';
import { NotificationWriterModule } from './notification-writer.module';
import { NotificationMailer } from './notification.mailer';
import { TaskAlertsRepository } from './task-alerts.repository';
import { TaskAlertsService } from './task-alerts.service';
import { UnmappedEntriesHandler } from './unmapped-entries.handler';

/**
 * The worker side: the unmapped-entries notification (an event handler), the repeatable task
 * alert scan with its emails, and housekeeping. (Time entries' sync_status is kept by
 * TimeEntriesWorkerModule of libs/server/time-entries.)
 */
@Module({
  imports: [NotificationWriterModule, BullModule.registerQueue({ name: QUEUES.alerts }, { name: QUEUES.housekeeping })],
  providers: [
    UnmappedEntriesHandler,
    TaskAlertsRepository,
    TaskAlertsService,
    NotificationMailer,
    AlertsProcessor,
    AlertsSchedule,
    HousekeepingService,
    HousekeepingProcessor,
    HousekeepingSchedule,
  ],
  exports: [TaskAlertsService, NotificationMailer, HousekeepingService, NotificationWriterModule],
})
export class NotificationsWorkerModule {}
