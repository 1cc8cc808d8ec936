export * from './lib/productivity-sync.module';
export * from './lib/productivity-sync-worker.module';
export * from './lib/inbound-task-sync.service';
