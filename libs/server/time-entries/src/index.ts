export * from './lib/time-entries.module';
export * from './lib/time-entries.service';
export * from './lib/time-entries.repository';
export * from './lib/time-entry.mapper';
export * from './lib/time-entry.rules';
export * from './lib/time-entry-mapping';
export * from './lib/idempotency';
