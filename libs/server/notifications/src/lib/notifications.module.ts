import { Module } from '@nestjs/common';
import { NotificationWriterModule } from './notification-writer.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** The api side: `/notifications` for the signed-in user, and the writer for other modules. */
@Module({
  imports: [NotificationWriterModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository],
  exports: [NotificationWriterModule],
})
export class NotificationsModule {}
