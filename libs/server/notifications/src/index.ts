export * from './lib/notification.writer';
export * from './lib/notification-writer.module';
export * from './lib/notifications.module';
export * from './lib/notifications-worker.module';
export * from './lib/notifications.service';
export * from './lib/task-alerts.service';
export * from './lib/notification.mailer';
export * from './lib/alerts.processor';
