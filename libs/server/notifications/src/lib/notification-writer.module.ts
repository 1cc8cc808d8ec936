import { Module } from '@nestjs/common';
import { NotificationWriter } from './notification.writer';

/** Import this to record notifications from another module (no routes, no jobs). */
@Module({
  providers: [NotificationWriter],
  exports: [NotificationWriter],
})
export class NotificationWriterModule {}
